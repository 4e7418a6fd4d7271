const renames = { $browser: 'browser', $os: 'os', $device_type: 'device' }

export function processEvent(event) {
    for (const [from, to] of Object.entries(renames)) {
        if (from in event.properties) {
            event.properties[to] = event.properties[from]
            delete event.properties[from]
        }
    }
    return event
}
