import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { runOk } from './exec'
import { repoRoot, type PackedPackage } from './workspace'

/** A folder outside the repository where a user installs Volley with npm. */
export interface Scenario {
  /** The folder name, also the template under `tooling/consumer/scenarios/`. */
  readonly name: string
  /** The @volley packages the user asks for (their @volley dependencies and peers come along), or `'all'`. */
  readonly volley: readonly string[] | 'all'
  /** Everything else the user installs, with the ranges a user would write. */
  readonly dependencies: Readonly<Record<string, string>>
  /** Repository files copied in (a package's README quick start), with `../../src/index` imports renamed. */
  readonly copy?: readonly { readonly from: string; readonly to: string; readonly as?: string }[]
}

const typescript = { typescript: '5.9.3', '@types/node': '^20.19.0' }

/** Node: every package, both module formats, three validators, TypeScript in every resolution mode. */
export const nodeScenario: Scenario = {
  name: 'node',
  volley: 'all',
  dependencies: {
    ...typescript,
    zod: '^4.6.7',
    zod3: 'npm:zod@~3.25.0',
    valibot: '^1.5.0',
    'socket.io': '4.8.4',
    'socket.io-client': '4.8.4',
    express: '^5.3.0',
    '@types/express': '^5.0.6',
    react: '^19.3.1',
    '@types/react': '^19.3.0',
    vue: '^3.5.0',
  },
}

/** A React app built with Vite: no `socket.io-client` listed, so it must come as a peer of @volley/react. */
export const reactScenario: Scenario = {
  name: 'react',
  volley: ['@volley/react'],
  dependencies: {
    react: '^19.3.1',
    'react-dom': '^19.3.1',
    zod: '^4.6.7',
    vite: '^8.3.8',
    '@vitejs/plugin-react': '^6.3.0',
  },
  copy: [
    { from: 'packages/react/test/quickstart/contract.ts', to: 'src/contract.ts' },
    { from: 'packages/react/test/quickstart/volley.ts', to: 'src/volley.ts', as: '@volley/react' },
    { from: 'packages/react/test/quickstart/App.tsx', to: 'src/App.tsx' },
  ],
}

/** A Vue app built with Vite, from the README quick start of @volley/vue. */
export const vueScenario: Scenario = {
  name: 'vue',
  volley: ['@volley/vue'],
  dependencies: { vue: '^3.5.0', zod: '^4.6.7', vite: '^8.3.8', '@vitejs/plugin-vue': '^6.0.0' },
  copy: [
    { from: 'packages/vue/test/quickstart/contract.ts', to: 'src/contract.ts' },
    { from: 'packages/vue/test/quickstart/volley.ts', to: 'src/volley.ts', as: '@volley/vue' },
    { from: 'packages/vue/test/quickstart/Chat.vue', to: 'src/Chat.vue' },
  ],
}

/** The @volley packages a scenario needs: those it names and, transitively, their @volley dependencies and peers. */
function volleyClosure(scenario: Scenario, packed: readonly PackedPackage[]): PackedPackage[] {
  if (scenario.volley === 'all') return [...packed]
  const byName = new Map(packed.map((pkg) => [pkg.name, pkg]))
  const wanted = new Set<string>()
  const visit = (name: string): void => {
    const pkg = byName.get(name)
    if (pkg === undefined) throw new Error(`[consumer] ${name} is not a published workspace package`)
    if (wanted.has(name)) return
    wanted.add(name)
    const { dependencies = {}, peerDependencies = {} } = pkg.manifest
    for (const dep of [...Object.keys(dependencies), ...Object.keys(peerDependencies)]) {
      if (byName.has(dep)) visit(dep)
    }
  }
  scenario.volley.forEach(visit)
  return packed.filter((pkg) => wanted.has(pkg.name))
}

/**
 * Lays out a scenario folder under `root` (its template, the copied files, a package.json naming the
 * tarballs) and runs one `npm install` there, reusing npm's cache.
 *
 * @example
 * const folder = await installScenario(nodeScenario, packed, workDir)
 * @param scenario - what to install
 * @param packed - every packed @volley package
 * @param root - a temporary folder outside the repository
 * @returns the scenario folder
 */
export async function installScenario(
  scenario: Scenario,
  packed: readonly PackedPackage[],
  root: string,
): Promise<string> {
  const folder = join(root, scenario.name)
  cpSync(join(import.meta.dirname, '..', 'scenarios', scenario.name), folder, { recursive: true })
  for (const { from, to, as } of scenario.copy ?? []) {
    const text = readFileSync(join(repoRoot, from), 'utf8')
    mkdirSync(dirname(join(folder, to)), { recursive: true })
    writeFileSync(join(folder, to), as === undefined ? text : text.replaceAll("'../../src/index'", `'${as}'`))
  }
  const volley = Object.fromEntries(
    volleyClosure(scenario, packed).map((pkg) => [pkg.name, `file:${pkg.tarball}`]),
  )
  const manifest = {
    name: `volley-consumer-${scenario.name}`,
    private: true,
    type: 'module',
    dependencies: { ...volley, ...scenario.dependencies },
  }
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  await runOk('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: folder,
    env: { npm_config_update_notifier: 'false' },
  })
  return folder
}
