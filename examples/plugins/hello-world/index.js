// Hello World: the smallest useful PostHog app.
// Adds `properties.hello = "Hello <config.name or world>"` to every event.

export function setupPlugin({ config, global }) {
    global.greeting = `Hello ${config.name || 'world'}`
}

export function processEvent(event, { config, global }) {
    if (!event.properties) {
        event.properties = {}
    }
    event.properties.hello = global.greeting || `Hello ${config.name || 'world'}`
    return event
}
