// Shapes: a differential test plugin (CommonJS exports). Depending on event.event it sets
// values whose JSON encoding, key order or chain semantics plugchain must reproduce exactly as
// Node does. Events it does not know pass through with properties.shapes_tag set.

exports.setupPlugin = function (meta) {
    meta.global.tag = meta.config.tag + '/' + typeof meta.config.unused
}

function C() {
    this.own = 1
}
C.prototype.inherited = 2

var handlers = {
    key_order: function (event, p) {
        p.b = 1
        p['10'] = 'ten'
        p['2'] = 'two'
        p.a = 2
        p['1'] = 'one'
        p['-1'] = 'negative'
        p['01'] = 'leading zero'
        p['1.5'] = 'decimal'
        p['4294967294'] = 'largest index'
        p['4294967295'] = 'not an index'
        event['7'] = 'top-level index key'
        p.literal = { z: 1, 10: 'x', 2: 'y', a: 3, 0: 'zero' }
        p.seen_in_plugin = Object.keys(p).join(',')
        return event
    },
    delete_readd: function (event, p) {
        delete p.first
        p.first = 'moved to the end'
        delete p['5']
        p['5'] = 'index keys keep their numeric place'
        delete event.distinct_id
        event.distinct_id = 'readded'
        delete p.gone
        return event
    },
    many_keys: function (event, p) {
        for (var i = 0; i < 40; i++) {
            p['k' + i] = i
        }
        for (var j = 0; j < 40; j += 3) {
            delete p['k' + j]
        }
        p['30'] = 'index after many'
        p['3'] = 'small index after many'
        p.k0 = 'readded'
        delete p['30']
        p.keys_seen = Object.keys(p).length
        return event
    },
    unicode: function (event, p) {
        p.made = 'caf\u00e9 \ud83d\ude00 \u2028\u2029 \u0000\u0001\u001f\u007f\u0080 "q" \\ / \b\f\n\r\t\v'
        p.ascii_controls = String.fromCharCode(1, 2, 3, 27, 31)
        p.input_length = p.s.length
        p.emoji_length = '\ud83d\ude00'.length
        p.code_point = '\ud83d\ude00'.codePointAt(0)
        p.upper = 'stra\u00dfe'.toUpperCase()
        p.non_bmp_key = { '\ud83d\ude00': 'emoji key', '\u00e9': 'e acute' }
        return event
    },
    numbers: function (event, p) {
        p.sum = 0.1 + 0.2
        p.negative_zero = -0
        p.negative_zero_in_array = [-0, 0]
        p.above_safe = Math.pow(2, 53) + 2
        p.max_safe = Number.MAX_SAFE_INTEGER
        p.e21 = 1e21
        p.below_e21 = 999999999999999900000
        p.huge = 123456789012345678901234567890
        p.e_minus_7 = 1e-7
        p.e_minus_6 = 0.000001
        p.tiny = 5e-324
        p.max = Number.MAX_VALUE
        p.third = 1 / 3
        p.neg = -1.5e-10
        p.nan = NaN
        p.inf = Infinity
        p.neg_inf = -Infinity
        p.int = 42
        p.float_int = 5.0
        p.product = 2e-6 * 3
        p.pow = Math.pow(2, 70)
        p.typeof_input_big = typeof p.big_input
        return event
    },
    nested: function (event, p) {
        var node = p
        for (var i = 0; i < 40; i++) {
            node.child = { depth: i }
            node = node.child
        }
        p.matrix = [[1, [2, [3, [4, []]]]], {}, [], [{}]]
        p.existing.added = { deep: { deeper: [1, { x: null }] } }
        return event
    },
    arrays: function (event, p) {
        p.mixed = [1, undefined, function () {}, null, NaN, Infinity, 'x', true, { u: undefined, f: function () {}, ok: 1 }]
        p.sparse = new Array(3)
        p.holes = [1, , 3]
        var withExtra = [1, 2]
        withExtra.extra = 'ignored'
        p.with_extra = withExtra
        p.obj_with_undefined = { a: undefined, b: 1, c: function () {} }
        p.undefined_value = undefined
        p.function_value = function () {}
        p.input_array_length = p.list.length
        p.list.push('pushed')
        p.list[6] = 'after a hole'
        return event
    },
    dates: function (event, p) {
        p.date = new Date(Date.UTC(2024, 4, 14, 9, 12, 3, 418))
        p.epoch = [new Date(0)]
        p.invalid = new Date(NaN)
        p.far_future = new Date(8.64e15)
        p.in_object = { when: new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 999)) }
        event.timestamp = new Date(Date.UTC(2020, 0, 1))
        p.iso_now_type = typeof new Date().toISOString()
        return event
    },
    to_json: function (event, p) {
        p.custom = {
            toJSON: function (key) {
                return 'key=' + key
            },
        }
        p.in_array = [
            {
                toJSON: function (key) {
                    return 'index=' + key + ' (' + typeof key + ')'
                },
            },
        ]
        p.to_undefined = {
            toJSON: function () {
                return undefined
            },
        }
        p.to_object = {
            toJSON: function () {
                return { replaced: true, list: [1, 2] }
            },
        }
        return event
    },
    objects: function (event, p) {
        p.num = new Number(3)
        p.str = new String('s')
        p.bool = new Boolean(false)
        p.map = new Map([[1, 2]])
        p.set = new Set([1])
        p.regexp = /x/g
        p.error = new Error('e')
        p.getter = {
            get x() {
                return 'from getter'
            },
        }
        p.hidden = Object.defineProperty({ shown: 1 }, 'hidden', { value: 1, enumerable: false })
        var withSymbol = { v: 2 }
        withSymbol[Symbol('k')] = 1
        p.symbol_key = withSymbol
        p.instance = new C()
        var bare = Object.create(null)
        bare.x = 1
        p.null_proto = bare
        p.args = (function () {
            return arguments
        })(1, 'two')
        p.frozen = Object.freeze({ f: 1 })
        return event
    },
    new_object: function (event) {
        return {
            event: event.event,
            distinct_id: 'brand-new',
            team_id: event.team_id,
            properties: { fresh: true, tag: event.properties.tag },
            uuid: event.uuid,
        }
    },
    new_object_no_props: function (event) {
        return { team_id: event.team_id, event: event.event, uuid: event.uuid }
    },
    mutate_then_throw: function (event, p) {
        p.before_throw = 'kept'
        delete p.remove_me
        event.distinct_id = 'changed before throw'
        p.list.push(4)
        throw new Error('shapes failed after changing the event')
    },
    throw_string: function (event, p) {
        p.before_throw = 'kept'
        throw 'a thrown string'
    },
    team_change: function (event, p) {
        p.team_change = 'tried'
        event.team_id = 3
        return event
    },
    team_delete: function (event) {
        delete event.team_id
        return event
    },
    team_null: function (event) {
        event.team_id = null
        return event
    },
    team_in_new_object: function (event) {
        return { event: event.event, team_id: 99, properties: {} }
    },
    no_props: function (event) {
        return event
    },
    props_null: function (event) {
        return event
    },
    existing_labels: function (event, p) {
        p.after_labels = 'added by shapes'
        return event
    },
    $snapshot: function () {
        throw new Error('$snapshot events must not reach processEvent')
    },
    // team_undefined and cross_plugin_values are cases where plugchain is known to differ
    // from Node (see the Go test's knownDifferences).
    lone_surrogates: function (event, p) {
        p.lone_high = '\ud800'
        p.lone_low = 'x\udc00y'
        p.reversed_pair = '\ude00\ud83d'
        p.joined_pair = p.input_high + p.input_low
        p.input_lone_length = p.input_lone.length
        p.input_codes = [p.input_lone.charCodeAt(1), p.input_high.charCodeAt(0), p.input_emoji_cut.charCodeAt(2)]
        p.sliced = p.input_emoji.slice(0, 3) + '|' + p.input_emoji.slice(3)
        return event
    },
    nested_to_json: function (event, p) {
        p.nested = {
            toJSON: function () {
                return {
                    toJSON: function () {
                        return 'inner toJSON must not be called'
                    },
                    v: 1,
                }
            },
        }
        return event
    },
    team_string: function (event) {
        event.team_id = String(event.team_id)
        return event
    },
    team_undefined: function (event) {
        event.team_id = undefined
        return event
    },
    props_array: function (event) {
        return event
    },
    negative_year_date: function (event, p) {
        p.before_year_0 = new Date(Date.UTC(-1, 0, 1))
        p.year_0 = new Date(-62167219200000).toISOString()
        return event
    },
    symbol_value: function (event, p) {
        p.symbol_value = Symbol('v')
        p.symbol_in_array = [Symbol('w')]
        return event
    },
    typed_array: function (event, p) {
        p.bytes = new Uint8Array([1, 2, 300])
        return event
    },
    cross_plugin_values: function (event, p) {
        p.date = new Date(0)
        p.nan = NaN
        p.undef = undefined
        p.negzero = -0
        p.fn = function () {
            return 1
        }
        return event
    },
}

exports.processEvent = function (event, meta) {
    var handler = Object.prototype.hasOwnProperty.call(handlers, event.event) ? handlers[event.event] : null
    if (handler) {
        return handler(event, event.properties, meta)
    }
    if (!event.properties) {
        event.properties = {}
    }
    event.properties.shapes_tag = meta.global.tag
    return event
}
