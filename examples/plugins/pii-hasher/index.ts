// PII Hasher: salted SHA-256 (HMAC) of personal data, hex encoded. The same input and salt
// always give the same hash, so hashed values still join across events.
import { createHmac } from 'crypto'

type Properties = Record<string, any>

interface Meta {
    config: { properties: string; salt: string; hashDistinctId: string }
    global: { paths: string[][] }
}

interface PluginEvent {
    distinct_id: string
    event: string
    properties?: Properties
}

function hash(value: unknown, salt: string): string {
    return createHmac('sha256', salt).update(String(value)).digest('hex')
}

export function setupPlugin({ config, global }: Meta): void {
    if (!config.salt) {
        throw new Error('the salt must not be empty')
    }
    global.paths = config.properties
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p.length > 0)
        .map((p) => p.split('.'))
}

function hashPath(target: Properties | undefined, path: string[], salt: string): void {
    let node: any = target
    for (const key of path.slice(0, -1)) {
        if (typeof node !== 'object' || node === null) {
            return
        }
        node = node[key]
    }
    const last = path[path.length - 1]
    if (typeof node === 'object' && node !== null && node[last] !== undefined && node[last] !== null) {
        node[last] = hash(node[last], salt)
    }
}

export function processEvent(event: PluginEvent, { config, global }: Meta): PluginEvent {
    for (const path of global.paths) {
        hashPath(event.properties, path, config.salt)
    }
    if (config.hashDistinctId === 'yes' && event.distinct_id) {
        event.distinct_id = hash(event.distinct_id, config.salt)
        if (event.properties?.distinct_id) {
            event.properties.distinct_id = event.distinct_id
        }
    }
    return event
}
