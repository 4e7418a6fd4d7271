// URL Normalizer: cleans page URLs with the WHATWG URL API, so the same page always has the
// same $current_url however it was reached.

const URL_PROPERTIES = ['$current_url', '$referrer']

function paramList(config) {
    return (config.stripParams || '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
}

export function setupPlugin({ config, global }) {
    global.strip = new Set(paramList(config))
    global.keepFragment = config.keepFragment === 'yes'
}

function normalize(raw, global, properties) {
    let url
    try {
        url = new URL(raw)
    } catch (err) {
        return null // not an absolute URL ($direct, a bare path ...): left as it is
    }
    for (const [key, value] of [...url.searchParams]) {
        if (key.startsWith('utm_') && properties[key] === undefined) {
            properties[key] = value
        }
        if (global.strip.has(key)) {
            url.searchParams.delete(key)
        }
    }
    url.searchParams.sort()
    if (!global.keepFragment) {
        url.hash = ''
    }
    if (url.pathname.length > 1 && url.pathname.endsWith('/')) {
        url.pathname = url.pathname.slice(0, -1)
    }
    return url
}

export function processEvent(event, { global }) {
    const properties = event.properties
    if (!properties) {
        return event
    }
    for (const key of URL_PROPERTIES) {
        if (typeof properties[key] !== 'string') {
            continue
        }
        const url = normalize(properties[key], global, properties)
        if (!url) {
            continue
        }
        properties[key] = url.toString()
        if (key === '$current_url') {
            properties.$host = url.host
            properties.$pathname = url.pathname
        }
    }
    return event
}
