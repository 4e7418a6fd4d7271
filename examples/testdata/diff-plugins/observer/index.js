// Observer: a differential test plugin exporting its functions as exports.default. For events
// with properties.observe === true it records what it sees of the event built by earlier
// plugins.

exports.default = {
    processEvent: function (event) {
        var p = event.properties
        if (!p || p.observe !== true) {
            return event
        }
        p.observed_keys = Object.keys(p).join(',')
        p.observed_top_keys = Object.keys(event).join(',')
        if (p.literal) {
            p.observed_literal_keys = Object.keys(p.literal).join(',')
        }
        if (event.event === 'cross_plugin_values') {
            p.observed_types = [
                typeof p.date,
                typeof p.nan,
                'undef' in p,
                Object.is(p.negzero, -0),
                typeof p.fn,
            ].join(',')
        }
        return event
    },
}
