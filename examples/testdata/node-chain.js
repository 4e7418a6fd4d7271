#!/usr/bin/env node
// node-chain.js: a reference runner for plugchain's differential tests. It runs a chain of
// PostHog plugin directories on Node the way PostHog's plugin server did, so that the same
// plugins and events can be run through `plugchain run` and the outputs compared byte for byte.
//
//   node node-chain.js [--keep-dropped] --chain CHAIN.json < events.jsonl > out.jsonl
//   node node-chain.js [--keep-dropped] DIR [DIR...]       < events.jsonl > out.jsonl
//
// CHAIN.json has plugchain's format: {"plugins":[{"path":DIR,"config":{...}}]}, paths relative
// to the chain file's folder ("attachments" are not supported here). Each input line is one
// event; each surviving event is written as JSON.stringify(event) on one line; with
// --keep-dropped a dropped event, a malformed line and a blank line print `null`, so output
// lines align with input lines. A malformed line is reported on stderr and makes the exit
// status 1. Plugin console output and errors go to stderr.
//
// What is reproduced (see shared docs/posthog-plugin-api.md, section 2, and PostHog's
// plugin-server src/worker/plugins/run.ts, runProcessEvent):
// - Plugin code runs as a sloppy-mode script in its own context (node:vm), after a preamble
//   defining `exports` and `module`, as PostHog's VM did. Exports are looked up in `exports`,
//   then `exports.default`, then `module.exports`; if none of them has keys, top-level
//   functions of the script are used (legacy plugins).
// - ES-module sources are NOT transpiled (esbuild is not available to Node here). A deliberately
//   small, line-based rewrite handles the forms the example plugins use: a line starting with
//   `export function NAME`, `export async function NAME`, `export const|let|var NAME` loses its
//   `export ` and gets `exports.NAME = NAME` appended at the end of the file;
//   `export default ` becomes `exports.default = `. `import` is rejected. TypeScript is not
//   supported.
// - setupPlugin(meta) runs once per plugin after loading; meta is {config, attachments, global,
//   storage, cache, geoip}. geoip.locate always resolves to null (as plugchain without --geoip).
// - processEvent(event, meta): plugins run in chain order, each getting the previous result.
//   A falsy result drops the event. A throw records a failure and the event continues as the
//   plugin left it (in-place changes stay). A changed team_id (compared with !==) is reverted
//   and counts as a failure. Plugins with only processEventBatch get
//   (await processEventBatch([e]))?.[0]. $snapshot events skip processEvent.
// - $plugins_succeeded / $plugins_failed / $plugins_deferred hold "Name (id)" labels, ids 1..n
//   in chain order; "deferred" lists plugins with onEvent or onSnapshot.
// - onEvent (onSnapshot for $snapshot) runs after the chain for surviving events, with a copy
//   of the final event; its output is not compared.
//
// One deliberate plugchain decision is copied instead of the reference: the reference added
// the $plugins_* labels to the ORIGINAL input object (`event.properties = {...event.properties,
// ...labels}`) and returned `returnedEvent`, so when a plugin returned a brand-new object the
// labels were lost. plugchain always adds them to the event it returns, and so does this
// harness (`returned.properties = {...returned.properties, ...labels}`).
//
// Config values: plugin.json defaults fill the keys the chain file does not set (a plugchain
// decision; the reference left defaults to its web UI).
'use strict'

const fs = require('node:fs')
const path = require('node:path')
const vm = require('node:vm')
const readline = require('node:readline')

const METHODS = [
    'processEvent', 'processEventBatch', 'onEvent', 'onSnapshot', 'exportEvents',
    'setupPlugin', 'teardownPlugin', 'runEveryMinute', 'runEveryHour', 'runEveryDay',
    'composeWebhook', 'getSettings', 'jobs', 'metrics',
]

function fail(msg) {
    process.stderr.write(`node-chain: ${msg}\n`)
    process.exit(2)
}

function parseArgs(argv) {
    const opts = { keepDropped: false, chain: '', dirs: [] }
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i]
        if (a === '--keep-dropped') {
            opts.keepDropped = true
        } else if (a === '--chain') {
            opts.chain = argv[++i] || fail('--chain needs a file')
        } else if (a.startsWith('--chain=')) {
            opts.chain = a.slice('--chain='.length)
        } else if (a.startsWith('-')) {
            fail(`unknown flag ${a}`)
        } else {
            opts.dirs.push(a)
        }
    }
    if (!opts.chain === (opts.dirs.length === 0)) {
        fail('give either --chain CHAIN.json or plugin directories')
    }
    return opts
}

function chainEntries(opts) {
    if (!opts.chain) {
        return opts.dirs.map((dir) => ({ path: dir, config: {} }))
    }
    const chain = JSON.parse(fs.readFileSync(opts.chain, 'utf8'))
    const base = path.dirname(opts.chain)
    return chain.plugins.map((p, i) => {
        if (!p.path) fail(`${opts.chain}: plugins[${i}]: missing "path"`)
        if (p.attachments && Object.keys(p.attachments).length > 0) {
            fail(`${opts.chain}: plugins[${i}]: attachments are not supported by this harness`)
        }
        return { path: path.resolve(base, p.path), config: p.config || {} }
    })
}

function isIdentChar(c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '$'
}

// esmToScript is the small line-based ESM rewrite described at the top of this file.
function esmToScript(src, file) {
    const names = []
    const lines = src.split('\n').map((line) => {
        if (line.startsWith('import ')) {
            fail(`${file}: import statements are not supported by this harness`)
        }
        if (line.startsWith('export default ')) {
            return 'exports.default = ' + line.slice('export default '.length)
        }
        if (!line.startsWith('export ')) {
            return line
        }
        const rest = line.slice('export '.length)
        for (const prefix of ['async function ', 'function ', 'const ', 'let ', 'var ']) {
            if (rest.startsWith(prefix)) {
                let end = prefix.length
                while (end < rest.length && isIdentChar(rest[end])) end++
                names.push(rest.slice(prefix.length, end))
                return rest
            }
        }
        fail(`${file}: unsupported export form: ${line}`)
    })
    return lines.join('\n') + '\n;' + names.map((n) => `exports.${n} = ${n};`).join('')
}

function makeConsole(label) {
    const out = {}
    for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
        out[level] = (...args) => {
            const msg = args
                .map((a) => (a !== null && typeof a === 'object' ? JSON.stringify(a) : String(a)))
                .join(' ')
            process.stderr.write(`[${label}] console.${level}: ${msg}\n`)
        }
    }
    return out
}

function memoryStore() {
    const data = new Map()
    return {
        get: async (key, def = null) => (data.has(key) ? JSON.parse(data.get(key)) : def),
        set: async (key, value) => {
            if (value === undefined) data.delete(key)
            else data.set(key, JSON.stringify(value))
        },
        del: async (key) => {
            data.delete(key)
        },
        incr: async (key) => {
            const n = (data.has(key) ? JSON.parse(data.get(key)) : 0) + 1
            data.set(key, JSON.stringify(n))
            return n
        },
    }
}

class RetryError extends Error {
    constructor(message) {
        super(message)
        this.name = 'RetryError'
    }
}

function loadPlugin(entry, id) {
    const dir = entry.path
    const manifestFile = path.join(dir, 'plugin.json')
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'))
    const name = manifest.name || path.basename(dir)
    const main = manifest.main || 'index.js'
    if (main.endsWith('.ts')) {
        fail(`${dir}: TypeScript plugins are not supported by this harness`)
    }
    const file = path.join(dir, main)
    let src = fs.readFileSync(file, 'utf8')
    if (manifest.lib) {
        src = fs.readFileSync(path.join(dir, manifest.lib), 'utf8') + '\n' + src
    }
    src = esmToScript(src, file)

    const config = {}
    const fields = Array.isArray(manifest.config)
        ? manifest.config
        : Object.entries(manifest.config || {}).map(([key, f]) => ({ key, ...f }))
    for (const f of fields) {
        if (f.key && f.default !== undefined && f.default !== null && f.type !== 'attachment') {
            config[f.key] = typeof f.default === 'string' ? f.default : JSON.stringify(f.default)
        }
    }
    Object.assign(config, entry.config)

    const label = `${name} (${id})`
    const sandbox = { console: makeConsole(label), RetryError }
    vm.createContext(sandbox)
    const lookups = METHODS.map((m) => `${m}: typeof ${m} === 'undefined' ? undefined : ${m}`).join(', ')
    const script =
        'var exports = {}; var module = { exports: exports };\n' +
        src +
        `\n;[exports, module.exports, { ${lookups} }]\n`
    const [exportsObj, moduleExports, topLevel] = vm.runInContext(script, sandbox, { filename: file })

    const isObj = (v) => v !== null && (typeof v === 'object' || typeof v === 'function')
    let sources = [exportsObj, exportsObj && exportsObj.default, moduleExports].filter(
        (s) => isObj(s) && typeof s !== 'function'
    )
    if (!sources.some((s) => Object.keys(s).length > 0)) {
        sources = [...sources, topLevel]
    }
    const methods = {}
    for (const m of METHODS) {
        for (const s of sources) {
            if (s[m]) {
                methods[m] = s[m]
                break
            }
        }
    }
    const meta = {
        config,
        attachments: {},
        global: {},
        storage: memoryStore(),
        cache: memoryStore(),
        geoip: { locate: async () => null },
    }
    return { id, name, label, methods, meta }
}

function call(plugin, method, ...args) {
    return plugin.methods[method](...args, plugin.meta)
}

function reportError(plugin, method, err) {
    const msg = err && err.stack ? err.stack.split('\n')[0] : String(err)
    process.stderr.write(`[${plugin.label}] error in ${method}: ${msg}\n`)
}

// runProcessEvent is PostHog's runProcessEvent (plugin-server, 2022) with the labels added to
// the returned event (see the top of this file).
async function runProcessEvent(plugins, event) {
    if (event.event === '$snapshot') {
        return event
    }
    const teamId = event.team_id
    let returnedEvent = event
    const pluginsSucceeded = []
    const pluginsFailed = []
    const pluginsDeferred = []
    for (const plugin of plugins) {
        let processEvent = plugin.methods.processEvent && ((e) => call(plugin, 'processEvent', e))
        if (!processEvent && plugin.methods.processEventBatch) {
            processEvent = async (e) => (await call(plugin, 'processEventBatch', [e]))?.[0]
        }
        if (processEvent) {
            try {
                returnedEvent = (await processEvent(returnedEvent)) || null
                if (returnedEvent && returnedEvent.team_id !== teamId) {
                    returnedEvent.team_id = teamId
                    const err = new Error('Plugin tried to change event.team_id')
                    err.name = 'IllegalOperationError'
                    throw err
                }
                pluginsSucceeded.push(plugin.label)
            } catch (error) {
                reportError(plugin, 'processEvent', error)
                pluginsFailed.push(plugin.label)
            }
            if (!returnedEvent) {
                return null
            }
        }
        if (plugin.methods.onEvent || plugin.methods.onSnapshot) {
            pluginsDeferred.push(plugin.label)
        }
    }
    if (pluginsSucceeded.length > 0 || pluginsFailed.length > 0 || pluginsDeferred.length > 0) {
        returnedEvent.properties = {
            ...returnedEvent.properties,
            $plugins_succeeded: pluginsSucceeded,
            $plugins_failed: pluginsFailed,
            $plugins_deferred: pluginsDeferred,
        }
    }
    return returnedEvent
}

async function runOnEvent(plugins, json) {
    const method = JSON.parse(json).event === '$snapshot' ? 'onSnapshot' : 'onEvent'
    await Promise.all(
        plugins
            .filter((p) => p.methods[method])
            .map(async (p) => {
                try {
                    await call(p, method, JSON.parse(json))
                } catch (error) {
                    reportError(p, method, error)
                }
            })
    )
}

// isBlank reports whether line holds only JSON whitespace.
function isBlank(line) {
    for (const c of line) {
        if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n') return false
    }
    return true
}

async function main() {
    const opts = parseArgs(process.argv.slice(2))
    const plugins = []
    for (const entry of chainEntries(opts)) {
        const plugin = loadPlugin(entry, plugins.length + 1)
        if (plugin.methods.setupPlugin) {
            try {
                await call(plugin, 'setupPlugin')
            } catch (error) {
                reportError(plugin, 'setupPlugin', error)
                process.exit(1)
            }
        }
        plugins.push(plugin)
    }

    const out = []
    let bad = 0
    let lineNo = 0
    const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
    for await (const line of rl) {
        lineNo++
        if (isBlank(line)) {
            // Like plugchain: a blank line is no event, but keeps output lines aligned.
            if (opts.keepDropped) out.push('null')
            continue
        }
        let event
        try {
            event = JSON.parse(line)
            if (event === null || typeof event !== 'object' || Array.isArray(event)) {
                throw new Error('expected a JSON object')
            }
        } catch (error) {
            bad++
            process.stderr.write(`node-chain: line ${lineNo}: ${error.message} (skipped)\n`)
            if (opts.keepDropped) out.push('null')
            continue
        }
        const result = await runProcessEvent(plugins, event)
        if (result === null) {
            if (opts.keepDropped) out.push('null')
            continue
        }
        const json = JSON.stringify(result)
        out.push(json)
        await runOnEvent(plugins, json)
    }
    for (const plugin of plugins) {
        if (plugin.methods.teardownPlugin) {
            try {
                await call(plugin, 'teardownPlugin')
            } catch (error) {
                reportError(plugin, 'teardownPlugin', error)
            }
        }
    }
    process.stdout.write(out.map((l) => l + '\n').join(''))
    process.exitCode = bad > 0 ? 1 : 0
}

main().catch((error) => {
    process.stderr.write(`node-chain: ${error && error.stack ? error.stack : error}\n`)
    process.exit(2)
})
