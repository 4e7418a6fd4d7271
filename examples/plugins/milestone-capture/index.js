// Milestone Capture: meta.cache.incr counts the configured event; at each milestone the
// plugin emits a new event with posthog.capture, which the host feeds back into ingestion.

export function setupPlugin({ config, global }) {
    global.milestones = new Set(
        config.milestones
            .split(',')
            .map((m) => parseInt(m.trim(), 10))
            .filter((m) => m > 0)
    )
}

export async function processEvent(event, { config, global, cache }) {
    if (event.event !== config.event) {
        return event
    }
    const count = await cache.incr(`count:${config.event}`)
    if (global.milestones.has(count)) {
        await posthog.capture('milestone reached', {
            milestone_event: config.event,
            count,
            reached_by: event.distinct_id,
        })
    }
    return event
}
