// Async Exports: a differential test plugin with module.exports and an async processEvent.

function tick(v) {
    return new Promise(function (resolve) {
        resolve(v)
    })
}

module.exports = {
    processEvent: async function (event, meta) {
        switch (event.event) {
            case 'drop_null':
                return await tick(null)
            case 'drop_false':
                return false
            case 'drop_zero':
                return 0
            case 'drop_empty_string':
                return ''
            case 'drop_undefined':
                await tick()
                return
            case 'drop_nan':
                return NaN
            case 'drop_bigint_zero':
                return BigInt(0)
            case 'async_throw':
                event.properties.before_await = 1
                await tick()
                event.properties.after_await = 2
                throw new Error('async failure after two changes')
            case 'async_reject':
                event.properties.before_reject = true
                return Promise.reject(new RangeError('rejected'))
            case 'async_new_object':
                await tick()
                return { event: event.event, team_id: event.team_id, properties: { made_async: true } }
            case 'async_replace_props':
                event.properties = { replaced: await tick('yes') }
                return event
            default:
                return event
        }
    },
}
