// Schema Enforcer: drops events that break a per-event schema.
//
// config.schema (JSON text) maps event names to rules:
//   { "purchase": { "required": ["amount", "currency"], "types": { "amount": "number" } } }
// An event whose name is in the schema is dropped (processEvent returns null) when a required
// property is missing (absent or null) or a present property has the wrong type.
// Other events pass unchanged.
//
// Written in the legacy plugin style: plain top-level functions, no exports, and the parsed
// schema kept in an undeclared (sloppy-mode global) variable.

var ALLOWED_TYPES = ['string', 'number', 'boolean']

function setupPlugin(meta) {
    var raw = meta.config.schema
    var parsed
    if (typeof raw === 'string') {
        try {
            parsed = JSON.parse(raw)
        } catch (e) {
            throw new Error('Schema Enforcer: config "schema" is not valid JSON: ' + e.message)
        }
    } else {
        parsed = raw
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error('Schema Enforcer: config "schema" must be a JSON object mapping event names to rules')
    }
    Object.keys(parsed).forEach(function (eventName) {
        var rule = parsed[eventName]
        if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) {
            throw new Error('Schema Enforcer: the rule for event "' + eventName + '" must be an object')
        }
        if (rule.required !== undefined && !Array.isArray(rule.required)) {
            throw new Error('Schema Enforcer: "required" for event "' + eventName + '" must be an array of property names')
        }
        var types = rule.types || {}
        Object.keys(types).forEach(function (prop) {
            if (ALLOWED_TYPES.indexOf(types[prop]) === -1) {
                throw new Error(
                    'Schema Enforcer: type "' + types[prop] + '" of "' + eventName + '.' + prop +
                        '" is not one of ' + ALLOWED_TYPES.join(', ')
                )
            }
        })
    })
    schemaCache = parsed
}

function violation(event, rule) {
    var props = event.properties || {}
    var required = rule.required || []
    for (var i = 0; i < required.length; i++) {
        if (props[required[i]] === undefined || props[required[i]] === null) {
            return 'missing required property "' + required[i] + '"'
        }
    }
    var types = rule.types || {}
    for (var prop in types) {
        var value = props[prop]
        if (value !== undefined && value !== null && typeof value !== types[prop]) {
            return 'property "' + prop + '" should be a ' + types[prop] + ', got ' + typeof value
        }
    }
    return null
}

function processEvent(event, meta) {
    var rule = Object.prototype.hasOwnProperty.call(schemaCache, event.event) ? schemaCache[event.event] : null
    if (!rule) {
        return event
    }
    var problem = violation(event, rule)
    if (problem) {
        console.warn('Dropping "' + event.event + '" event ' + event.uuid + ': ' + problem)
        return null
    }
    return event
}
