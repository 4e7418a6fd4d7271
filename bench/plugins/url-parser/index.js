const re = /^(https?):\/\/([^/?#]+)([^?#]*)(?:\?([^#]*))?/

export function processEvent(event) {
    const m = re.exec(event.properties.$current_url || '')
    if (!m) return event
    event.properties.url_protocol = m[1]
    event.properties.url_host = m[2]
    event.properties.url_path = m[3]
    for (const pair of (m[4] || '').split('&')) {
        const [k, v] = pair.split('=')
        if (k.startsWith('utm_')) event.properties[k] = decodeURIComponent(v || '')
    }
    return event
}
