import type { BenchClient, BenchSession } from './targets'

/**
 * Connects `count` clients to a session, a batch at a time so the server is not flooded with handshakes.
 *
 * @example
 * const receivers = await connectAll(session, 'receiver', 500)
 * @param session - the server to connect to
 * @param role - receivers join the broadcast room
 * @param count - how many clients
 * @param batch - how many connect at once. Defaults to `50`.
 * @returns the connected clients
 */
export async function connectAll(
  session: BenchSession,
  role: 'receiver' | 'sender',
  count: number,
  batch = 50,
): Promise<BenchClient[]> {
  const clients: BenchClient[] = []
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start)
    clients.push(...(await Promise.all(Array.from({ length: size }, () => session.connect(role)))))
  }
  return clients
}
