type Props = Record<string, unknown>

function flatten(obj: Props, prefix: string, out: Props): Props {
    for (const [k, v] of Object.entries(obj)) {
        const key = prefix ? prefix + '__' + k : k
        if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v as Props, key, out)
        else out[key] = v
    }
    return out
}

export async function processEvent(event: { properties: Props }) {
    if (event.properties.$set) event.properties.$set = flatten(event.properties.$set as Props, '', {})
    return event
}
