#!/usr/bin/env node
// reference.js: the Node.js side of plugchain's benchmark. It runs plugin chains the way
// PostHog's plugin server did, so the same plugins and events can be timed on both:
// - each plugin config gets its own node:vm context, in which the plugin's code (transpiled
//   to CommonJS beforehand, TypeScript included, by the Go runner) runs once as a script;
// - exports are found in exports, exports.default, then module.exports;
// - meta is {cache, config, attachments, storage, geoip, jobs, utils, global}, with cache and
//   storage in memory behind async functions (as plugchain's defaults);
// - events arrive as JSON lines: each is JSON.parse'd, run through every processEvent in order
//   (awaited, under a timeout guard, a throw keeping the event, team_id changes reverted,
//   $plugins_succeeded/failed/deferred added), and the result JSON.stringify'd.
//
//   node --expose-gc reference.js SPEC.json
//
// SPEC: {"mode": "throughput", "chain": [{"id", "name", "code", "config"}], "eventsFile",
//        "warmup", "iterations"}  -> {"checksum", "events", "seconds", "eventsPerSecond"}
//       {"mode": "density", "chain": [one plugin], "configs"}
//                                -> {"configs", "loadSeconds", "rssBytes", "baselineRssBytes"}
// The checksum is the SHA-256 of the output lines of one pass over the events file, made with
// fresh plugin state, so plugchain's output can be compared byte for byte.
'use strict'

const fs = require('node:fs')
const vm = require('node:vm')
const crypto = require('node:crypto')

const TIMEOUT_MS = 30000

class RetryError extends Error {
    constructor(message) {
        super(message)
        this.name = 'RetryError'
    }
}

function memoryCache() {
    const data = new Map()
    const live = (key) => {
        const e = data.get(key)
        if (e && e.expires && e.expires <= Date.now()) {
            data.delete(key)
            return undefined
        }
        return e
    }
    return {
        set: async (key, value, ttlSeconds, options) => {
            const text = options?.jsonSerialize === false ? String(value) : JSON.stringify(value)
            data.set(key, { value: text, expires: ttlSeconds ? Date.now() + ttlSeconds * 1000 : 0 })
        },
        get: async (key, defaultValue, options) => {
            const e = live(key)
            if (!e) return defaultValue
            if (options?.jsonSerialize === false) return e.value
            try {
                return JSON.parse(e.value)
            } catch {
                return null
            }
        },
        incr: async (key) => {
            const e = live(key)
            const n = (e ? parseInt(e.value, 10) : 0) + 1
            data.set(key, { value: String(n), expires: e ? e.expires : 0 })
            return n
        },
        expire: async (key, ttlSeconds) => {
            const e = live(key)
            if (!e) return false
            e.expires = Date.now() + ttlSeconds * 1000
            return true
        },
    }
}

function memoryStorage() {
    const data = new Map()
    return {
        get: async (key, defaultValue) => (data.has(key) ? JSON.parse(data.get(key)) : defaultValue),
        set: async (key, value) => {
            if (value === undefined) data.delete(key)
            else data.set(key, JSON.stringify(value))
        },
        del: async (key) => {
            data.delete(key)
        },
    }
}

const quietConsole = { log() {}, info() {}, warn() {}, error() {}, debug() {} }

// loadConfig creates one plugin config: a context, the plugin's code run in it, and its meta.
async function loadConfig(plugin, cache) {
    const sandbox = { console: quietConsole, RetryError, URL, URLSearchParams, Buffer, TextEncoder, TextDecoder }
    const context = vm.createContext(sandbox)
    const wrapped = `(function (exports, module, require) {${plugin.code}\n})`
    const fn = vm.runInContext(wrapped, context, { filename: plugin.name })
    const module = { exports: {} }
    const require = (name) => {
        throw new Error(`Cannot import '${name}'! This package is not provided by PostHog in plugins.`)
    }
    fn(module.exports, module, require)
    const sources = [module.exports, module.exports && module.exports.default].filter((s) => s && typeof s === 'object')
    const get = (name) => sources.find((s) => s[name])?.[name]
    const meta = {
        cache,
        config: plugin.config || {},
        attachments: {},
        storage: memoryStorage(),
        geoip: { locate: async () => null },
        jobs: new Proxy({}, { get: () => () => ({ runNow: async () => {}, runIn: async () => {}, runAt: async () => {} }) }),
        utils: {},
        global: {},
    }
    const guard = async (promise) => {
        let timer
        try {
            return await Promise.race([
                promise,
                new Promise((_, reject) => {
                    timer = setTimeout(() => reject(new Error('Script execution timed out')), TIMEOUT_MS)
                }),
            ])
        } finally {
            clearTimeout(timer)
        }
    }
    const call = (f, ...args) => (f ? guard(Promise.resolve().then(() => f(...args, meta))) : undefined)
    let processEvent = get('processEvent')
    const processEventBatch = get('processEventBatch')
    if (!processEvent && processEventBatch) {
        processEvent = async (event, m) => (await processEventBatch([event], m))?.[0]
    }
    const label = `${plugin.name} (${plugin.id})`
    const deferred = Boolean(get('onEvent') || get('onSnapshot') || get('exportEvents'))
    await call(get('setupPlugin'))
    return { label, deferred, processEvent: processEvent ? (event) => call(processEvent, event) : null }
}

// runChain runs one event through the chain as PostHog's runProcessEvent did.
async function runChain(configs, event) {
    const teamId = event.team_id
    const succeeded = []
    const failed = []
    const deferred = []
    let current = event
    for (const c of configs) {
        if (c.deferred) deferred.push(c.label)
        if (!c.processEvent) continue
        let returned
        try {
            returned = await c.processEvent(current)
        } catch (e) {
            failed.push(c.label)
            continue
        }
        if (!returned) return null
        if (typeof returned !== 'object') {
            failed.push(c.label)
            continue
        }
        current = returned
        if (current.team_id !== teamId) {
            current.team_id = teamId
            failed.push(c.label)
            continue
        }
        succeeded.push(c.label)
    }
    current.properties = {
        ...current.properties,
        $plugins_succeeded: succeeded,
        $plugins_failed: failed,
        $plugins_deferred: deferred,
    }
    return current
}

async function loadChain(chain) {
    const configs = []
    for (const p of chain) {
        configs.push(await loadConfig(p, memoryCache()))
    }
    return configs
}

async function throughput(spec) {
    const lines = fs.readFileSync(spec.eventsFile, 'utf8').split('\n').filter((l) => l.length > 0)
    // One pass with fresh state, for the checksum.
    let configs = await loadChain(spec.chain)
    const hash = crypto.createHash('sha256')
    for (const line of lines) {
        const out = await runChain(configs, JSON.parse(line))
        hash.update(JSON.stringify(out) + '\n')
    }
    const checksum = hash.digest('hex')

    configs = await loadChain(spec.chain)
    for (let i = 0; i < spec.warmup; i++) {
        JSON.stringify(await runChain(configs, JSON.parse(lines[i % lines.length])))
    }
    const start = process.hrtime.bigint()
    for (let i = 0; i < spec.iterations; i++) {
        JSON.stringify(await runChain(configs, JSON.parse(lines[i % lines.length])))
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9
    return { checksum, events: spec.iterations, seconds, eventsPerSecond: spec.iterations / seconds }
}

function rss() {
    if (global.gc) {
        global.gc()
        global.gc()
    }
    return process.memoryUsage().rss
}

async function density(spec) {
    const baselineRssBytes = rss()
    const start = process.hrtime.bigint()
    const keep = []
    for (let i = 0; i < spec.configs; i++) {
        keep.push(await loadConfig({ ...spec.chain[0], id: i + 1 }, memoryCache()))
    }
    const loadSeconds = Number(process.hrtime.bigint() - start) / 1e9
    const rssBytes = rss()
    if (keep.length !== spec.configs) throw new Error('lost a config')
    return { configs: spec.configs, loadSeconds, rssBytes, baselineRssBytes }
}

async function main() {
    const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
    const result = spec.mode === 'density' ? await density(spec) : await throughput(spec)
    process.stdout.write(JSON.stringify(result) + '\n')
}

main().catch((e) => {
    process.stderr.write(`reference.js: ${e.stack || e}\n`)
    process.exit(1)
})
