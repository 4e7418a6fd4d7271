// Batch Exporter: exportEvents receives the events the chain buffered for this plugin (by
// size and age, see plugin.json) and posts them in one request. While the endpoint is down or
// overloaded it throws RetryError, so the batch is tried again after 6 s, 12 s, 24 s ...;
// a request the endpoint rejects (4xx) is not retried and shows as a failed batch.

export async function exportEvents(events, { config }) {
    const headers = { 'Content-Type': 'application/json' }
    if (config.authToken) {
        headers.Authorization = `Bearer ${config.authToken}`
    }
    const body = JSON.stringify({
        batch: events.map((e) => ({
            uuid: e.uuid,
            event: e.event,
            distinct_id: e.distinct_id,
            timestamp: e.timestamp,
            properties: e.properties,
        })),
    })
    let response
    try {
        response = await fetch(config.url, { method: 'POST', headers, body })
    } catch (error) {
        throw new RetryError(`endpoint unreachable: ${error.message}`)
    }
    if (response.status >= 500 || response.status === 429) {
        throw new RetryError(`endpoint answered ${response.status}`)
    }
    if (!response.ok) {
        const text = await response.text()
        throw new Error(`endpoint rejected the batch: ${response.status} ${text.slice(0, 200)}`)
    }
    console.log(`exported ${events.length} events`)
}
