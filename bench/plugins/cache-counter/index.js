export async function processEvent(event, { cache }) {
    const total = await cache.incr(`count:${event.event}`)
    const seen = await cache.get(`seen:${event.distinct_id}`, null)
    if (seen === null) {
        await cache.set(`seen:${event.distinct_id}`, event.timestamp, 3600)
    }
    event.properties.event_count = total
    event.properties.first_seen = seen === null ? event.timestamp : seen
    return event
}
