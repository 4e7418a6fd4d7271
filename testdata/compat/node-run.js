// Runs one snippet file of the compatibility suite on Node and prints a JSON array of
// {name, out, logs}. Usage: node node-run.js FILE.js (compat_test.go runs it with TZ=UTC).
const fs = require('fs')
const path = require('path')
const util = require('util')

const [, , file] = process.argv
const source = require('./snippets.js').program(fs.readFileSync(path.join(__dirname, 'harness.js'), 'utf8'), fs.readFileSync(file, 'utf8'))

let logs = []
const capture = (...args) => logs.push(util.format(...args))
const sandboxConsole = { log: capture, info: capture, warn: capture, error: capture, debug: capture }

const { snippets, run } = new Function('require', 'console', source + '\nreturn { snippets: __snippets, run: __run }')(require, sandboxConsole)

;(async () => {
    const results = []
    for (const s of snippets) {
        logs = []
        const out = await run(s.fn)
        results.push({ name: s.name, out, logs })
    }
    process.stdout.write(JSON.stringify(results))
})()
