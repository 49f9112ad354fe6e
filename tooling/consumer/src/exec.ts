import { spawn } from 'node:child_process'

/** What a finished command printed, and how it ended. */
export interface RunResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Options for `run`. */
export interface RunOptions {
  /** The working directory. */
  readonly cwd: string
  /** Extra environment variables, over `process.env`. Defaults to none. */
  readonly env?: Record<string, string | undefined>
}

/**
 * Runs a command without a shell and collects its output; never rejects for a non-zero exit.
 *
 * @example
 * const { code, stdout } = await run('node', ['--version'], { cwd: process.cwd() })
 * @param command - the executable
 * @param args - its arguments
 * @param options - `cwd` and `env`
 * @returns the exit code and the output
 */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.once('error', reject)
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }))
  })
}

/**
 * Runs a command and throws with its whole output when it fails.
 *
 * @example
 * await runOk('npm', ['install'], { cwd: folder })
 * @param command - the executable
 * @param args - its arguments
 * @param options - `cwd` and `env`
 * @returns the output of a successful run
 */
export async function runOk(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const result = await run(command, args, options)
  if (result.code !== 0) {
    throw new Error(
      `\`${command} ${args.join(' ')}\` exited with ${result.code} in ${options.cwd}\n${result.stdout}\n${result.stderr}`,
    )
  }
  return result
}
