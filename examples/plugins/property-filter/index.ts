// Property Filter: removes configured properties from events.
// Inspired by posthog-property-filter-plugin, which supports nested "a.b.c" paths.
//
// config.properties: comma separated list of paths into event.properties, e.g. "$ip,email,$set.email".
// - "a.b.c" removes event.properties.a.b.c (parents are left in place).
// - A path starting with "$set." or "$set_once." is also removed from the event's top-level
//   $set / $set_once (the person properties PostHog applies), not only from properties.$set.
// - "$ip" also clears event.ip, like the original plugin.

type Properties = Record<string, any>

interface PluginEvent {
    distinct_id: string
    ip: string | null
    site_url: string
    team_id: number
    now: string
    event: string
    uuid: string
    timestamp?: string
    properties?: Properties
    $set?: Properties
    $set_once?: Properties
}

interface Meta {
    config: {
        properties: string
    }
    global: {
        paths: string[][]
    }
}

function parsePaths(list: string | undefined): string[][] {
    return (list || '')
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p.length > 0)
        .map((p) => p.split('.'))
}

function isObject(value: unknown): value is Properties {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function removePath(target: Properties | undefined, path: string[]): void {
    let node: unknown = target
    for (const key of path.slice(0, -1)) {
        if (!isObject(node)) {
            return
        }
        node = node[key]
    }
    if (isObject(node)) {
        delete node[path[path.length - 1]]
    }
}

export function setupPlugin({ config, global }: Meta): void {
    global.paths = parsePaths(config.properties)
}

export function processEvent(event: PluginEvent, { config, global }: Meta): PluginEvent {
    const paths = global.paths ?? parsePaths(config.properties)

    for (const path of paths) {
        removePath(event.properties, path)

        const [head, ...rest] = path
        if ((head === '$set' || head === '$set_once') && rest.length > 0) {
            removePath(event[head], rest)
        }
        if (path.length === 1 && head === '$ip') {
            event.ip = null
        }
    }
    return event
}
