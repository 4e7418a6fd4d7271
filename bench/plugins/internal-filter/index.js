export function processEvent(event) {
    if (event.event === '$internal' || event.properties.token === 'blocked') return null
    delete event.properties.token
    return event
}
