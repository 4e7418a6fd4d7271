// Legacy Script: a differential test plugin in the oldest style: no exports, top-level
// functions, and an undeclared (sloppy-mode global) variable set in setupPlugin.

function setupPlugin(meta) {
    legacyPrefix = 'legacy:'
}

function processEvent(event, meta) {
    if (event.event.indexOf('legacy_') !== 0) {
        return event
    }
    event.properties.legacy = legacyPrefix + event.event
    if (event.event === 'legacy_throw') {
        event.properties.legacy_before_throw = true
        var missing = null
        return missing.property // TypeError; the change above stays
    }
    if (event.event === 'legacy_this') {
        event.properties.this_is_global = this === undefined ? 'undefined' : typeof this
    }
    return event
}
