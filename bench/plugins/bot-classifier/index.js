const bots = [
    /googlebot/i, /bingbot/i, /yandex(bot|images)/i, /baiduspider/i, /duckduckbot/i, /slurp/i,
    /facebookexternalhit/i, /twitterbot/i, /linkedinbot/i, /embedly/i, /semrushbot/i, /ahrefsbot/i,
    /petalbot/i, /applebot/i, /headlesschrome/i, /phantomjs/i, /python-requests/i, /curl\//i,
]
const browsers = [
    ['Edge', /Edg(?:e|A|iOS)?\/([\d.]+)/], ['Opera', /OPR\/([\d.]+)/], ['Chrome', /(?:Chrome|CriOS)\/([\d.]+)/],
    ['Firefox', /(?:Firefox|FxiOS)\/([\d.]+)/], ['Safari', /Version\/([\d.]+).*Safari/],
]
const email = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g
const longId = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b\d{6,}\b/gi

export function processEvent(event) {
    const p = event.properties
    const ua = p.$raw_user_agent || ''
    p.is_bot = bots.some((re) => re.test(ua))
    for (const [name, re] of browsers) {
        const m = re.exec(ua)
        if (m) {
            p.ua_browser = name
            p.ua_major = parseInt(m[1], 10)
            break
        }
    }
    for (const key of ['$current_url', '$referrer', '$pathname']) {
        if (typeof p[key] === 'string') {
            p[key] = p[key].replace(email, '<email>').replace(longId, ':id')
        }
    }
    return event
}
