// Batch Only: a differential test plugin with only processEventBatch (legacy). PostHog derived
// processEvent from it as (await processEventBatch([event]))?.[0].

exports.processEventBatch = async function (events) {
    if (events[0].event === 'batch_empty') {
        return []
    }
    if (events[0].event === 'batch_null') {
        return null
    }
    return events.map(function (e) {
        if (e.properties && e.properties.observe === true) {
            e.properties.batch_size = events.length
        }
        return e
    })
}
