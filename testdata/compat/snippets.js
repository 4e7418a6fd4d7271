// Builds the program both sides run from harness.js and a snippet file. A snippet file is a
// sequence of snippets, each starting with a line `//# name`; a snippet is the body of an
// async function, and what it returns (or throws) is its result.
function parse(text) {
    const snippets = []
    let current = null
    for (const line of text.split('\n')) {
        const m = /^\/\/# (.+)$/.exec(line)
        if (m) {
            current = { name: m[1].trim(), body: [] }
            snippets.push(current)
        } else if (current) {
            current.body.push(line)
        }
    }
    return snippets
}

function program(harness, text) {
    const items = parse(text).map((s) => `{ name: ${JSON.stringify(s.name)}, fn: async () => {\n${s.body.join('\n')}\n} }`)
    return harness + '\nconst __snippets = [\n' + items.join(',\n') + '\n]\n'
}

module.exports = { parse, program }
