// Webhook Notifier: onEvent sees each event after the whole chain ran; matching ones are
// posted to a webhook with fetch. A 5xx answer throws, so the failure is recorded.

export function setupPlugin({ config, global }) {
    const url = new URL(config.url) // throws on a malformed URL: the config is rejected early
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new Error(`webhook URL must be http(s), got ${url.protocol}`)
    }
    global.events = new Set(config.events.split(',').map((e) => e.trim()).filter(Boolean))
    global.timeout = parseInt(config.timeoutMs, 10) || 5000
}

export async function onEvent(event, { config, global }) {
    if (!global.events.has(event.event)) {
        return
    }
    const response = await fetch(config.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
            text: `${event.distinct_id} did ${event.event}`,
            event: event.event,
            distinct_id: event.distinct_id,
            timestamp: event.timestamp,
            properties: event.properties,
        }),
        timeout: global.timeout,
    })
    if (!response.ok) {
        const body = await response.text()
        throw new Error(`webhook answered ${response.status} ${response.statusText}: ${body.slice(0, 200)}`)
    }
}
