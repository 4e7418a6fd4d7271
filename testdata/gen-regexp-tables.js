// Generates vm/regexp_tables.go: the code points of every Unicode property that a regular
// expression's \p{...} can name, read from the running Node's own RegExp engine (V8 with ICU),
// so plugchain's property escapes match exactly what Node matches. Run from the repository root
// with the Node version plugins target (20):
//
//     node testdata/gen-regexp-tables.js > vm/regexp_tables.go
//
// The names accepted are those of ECMAScript's property tables (binary properties,
// General_Category and Script / Script_Extensions values); each candidate name below is kept
// only if this Node accepts it, and every short script code Node accepts must pair with a long
// name here, so a newer Unicode version fails loudly instead of silently losing scripts.
'use strict'

const accepts = (body) => {
    try {
        new RegExp(`\\p{${body}}`, 'u')
        return true
    } catch {
        return false
    }
}

// ECMAScript's binary properties (table-binary-unicode-properties), canonical name first.
const binary = [
    ['ASCII'], ['ASCII_Hex_Digit', 'AHex'], ['Alphabetic', 'Alpha'], ['Any'], ['Assigned'],
    ['Bidi_Control', 'Bidi_C'], ['Bidi_Mirrored', 'Bidi_M'], ['Case_Ignorable', 'CI'], ['Cased'],
    ['Changes_When_Casefolded', 'CWCF'], ['Changes_When_Casemapped', 'CWCM'],
    ['Changes_When_Lowercased', 'CWL'], ['Changes_When_NFKC_Casefolded', 'CWKCF'],
    ['Changes_When_Titlecased', 'CWT'], ['Changes_When_Uppercased', 'CWU'], ['Dash'],
    ['Default_Ignorable_Code_Point', 'DI'], ['Deprecated', 'Dep'], ['Diacritic', 'Dia'], ['Emoji'],
    ['Emoji_Component', 'EComp'], ['Emoji_Modifier', 'EMod'], ['Emoji_Modifier_Base', 'EBase'],
    ['Emoji_Presentation', 'EPres'], ['Extended_Pictographic', 'ExtPict'], ['Extender', 'Ext'],
    ['Grapheme_Base', 'Gr_Base'], ['Grapheme_Extend', 'Gr_Ext'], ['Hex_Digit', 'Hex'],
    ['IDS_Binary_Operator', 'IDSB'], ['IDS_Trinary_Operator', 'IDST'], ['ID_Continue', 'IDC'],
    ['ID_Start', 'IDS'], ['Ideographic', 'Ideo'], ['Join_Control', 'Join_C'],
    ['Logical_Order_Exception', 'LOE'], ['Lowercase', 'Lower'], ['Math'],
    ['Noncharacter_Code_Point', 'NChar'], ['Pattern_Syntax', 'Pat_Syn'],
    ['Pattern_White_Space', 'Pat_WS'], ['Quotation_Mark', 'QMark'], ['Radical'],
    ['Regional_Indicator', 'RI'], ['Sentence_Terminal', 'STerm'], ['Soft_Dotted', 'SD'],
    ['Terminal_Punctuation', 'Term'], ['Unified_Ideograph', 'UIdeo'], ['Uppercase', 'Upper'],
    ['Variation_Selector', 'VS'], ['White_Space', 'space'], ['XID_Continue', 'XIDC'],
    ['XID_Start', 'XIDS'],
]

// General_Category values (table-unicode-general-category-values): short name first.
const generalCategories = [
    ['C', 'Other'], ['Cc', 'Control', 'cntrl'], ['Cf', 'Format'], ['Cn', 'Unassigned'],
    ['Co', 'Private_Use'], ['Cs', 'Surrogate'], ['L', 'Letter'], ['LC', 'Cased_Letter'],
    ['Ll', 'Lowercase_Letter'], ['Lm', 'Modifier_Letter'], ['Lo', 'Other_Letter'],
    ['Lt', 'Titlecase_Letter'], ['Lu', 'Uppercase_Letter'], ['M', 'Mark', 'Combining_Mark'],
    ['Mc', 'Spacing_Mark'], ['Me', 'Enclosing_Mark'], ['Mn', 'Nonspacing_Mark'], ['N', 'Number'],
    ['Nd', 'Decimal_Number', 'digit'], ['Nl', 'Letter_Number'], ['No', 'Other_Number'],
    ['P', 'Punctuation', 'punct'], ['Pc', 'Connector_Punctuation'], ['Pd', 'Dash_Punctuation'],
    ['Pe', 'Close_Punctuation'], ['Pf', 'Final_Punctuation'], ['Pi', 'Initial_Punctuation'],
    ['Po', 'Other_Punctuation'], ['Ps', 'Open_Punctuation'], ['S', 'Symbol'],
    ['Sc', 'Currency_Symbol'], ['Sk', 'Modifier_Symbol'], ['Sm', 'Math_Symbol'],
    ['So', 'Other_Symbol'], ['Z', 'Separator'], ['Zl', 'Line_Separator'],
    ['Zp', 'Paragraph_Separator'], ['Zs', 'Space_Separator'],
]

// Long script names (PropertyValueAliases.txt, sc); the short codes are found by asking Node.
const scriptNames = `Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak
Bengali Beria_Erfe Bhaiksuki Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian
Caucasian_Albanian Chakma Cham Cherokee Chisoi Chorasmian Common Coptic Cuneiform Cypriot
Cypro_Minoan Cyrillic Deseret Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs Elbasan
Elymaic Ethiopic Garay Georgian Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi Gurmukhi
Gurung_Khema Han Hangul Hanifi_Rohingya Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic Inherited
Inscriptional_Pahlavi Inscriptional_Parthian Javanese Kaithi Kannada Katakana Kawi Kayah_Li
Kharoshthi Khitan_Small_Script Khmer Khojki Khudawadi Kirat_Rai Lao Latin Lepcha Limbu Linear_A
Linear_B Lisu Lycian Lydian Mahajani Makasar Malayalam Mandaic Manichaean Marchen Masaram_Gondi
Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive Meroitic_Hieroglyphs Miao Modi Mongolian
Mro Multani Myanmar Nabataean Nag_Mundari Nandinagari New_Tai_Lue Newa Nko Nushu
Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Ol_Onal Old_Hungarian Old_Italic Old_North_Arabian
Old_Permic Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic Old_Uyghur Oriya Osage Osmanya
Pahawh_Hmong Palmyrene Pau_Cin_Hau Phags_Pa Phoenician Psalter_Pahlavi Rejang Runic Samaritan
Saurashtra Sharada Shavian Siddham Sidetic SignWriting Sinhala Sogdian Sora_Sompeng Soyombo
Sundanese Sunuwar Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Tai_Yo Takri
Tamil Tangsa Tangut Telugu Thaana Thai Tibetan Tifinagh Tirhuta Todhri Tolong_Siki Toto
Tulu_Tigalari Ugaritic Unknown Vai Vithkuqi Wancho Warang_Citi Yezidi Yi Zanabazar_Square`.split(/\s+/)

// Every string of code points in order, surrogates left out (they would pair up), with the
// code point each UTF-16 unit belongs to.
const codePoints = []
for (let cp = 0; cp <= 0x10ffff; cp++) if (cp < 0xd800 || cp > 0xdfff) codePoints.push(cp)
const unitCP = new Int32Array(codePoints.length * 2)
const chunks = []
let unit = 0
for (const cp of codePoints) {
    chunks.push(String.fromCodePoint(cp))
    unitCP[unit++] = cp
    if (cp > 0xffff) unitCP[unit++] = cp
}
const all = chunks.join('')

// ranges returns the sorted, merged [lo, hi] ranges of the code points \p{body} matches.
function ranges(body) {
    const out = []
    const add = (lo, hi) => {
        const last = out[out.length - 1]
        if (last && last[1] + 1 >= lo) last[1] = Math.max(last[1], hi)
        else out.push([lo, hi])
    }
    const runs = []
    for (const m of all.matchAll(new RegExp(`\\p{${body}}+`, 'gu'))) {
        const lo = unitCP[m.index]
        const hi = unitCP[m.index + m[0].length - 1]
        if (lo < 0xd800 && hi > 0xdfff) {
            runs.push([lo, 0xd7ff], [0xe000, hi])
        } else {
            runs.push([lo, hi])
        }
    }
    const one = new RegExp(`^\\p{${body}}$`, 'u')
    for (let cp = 0xd800; cp <= 0xdfff; cp++) {
        if (one.test(String.fromCharCode(cp))) runs.push([cp, cp])
    }
    runs.sort((a, b) => a[0] - b[0])
    for (const [lo, hi] of runs) add(lo, hi)
    return out
}

// encode writes ranges as alternating gaps and lengths, each a base-32 number whose last digit
// comes from one alphabet and the others from a second one: compact and free of characters a
// Go string literal would need to escape.
const last = '0123456789abcdefghijklmnopqrstuv'
const more = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&*'
function num(n) {
    let s = last[n % 32]
    n = Math.floor(n / 32)
    while (n > 0) {
        s = more[n % 32] + s
        n = Math.floor(n / 32)
    }
    return s
}
function encode(rs) {
    let s = ''
    let next = 0
    for (const [lo, hi] of rs) {
        s += num(lo - next) + num(hi - lo)
        next = hi + 1
    }
    return s
}

const data = new Map() // key -> encoded ranges
const lone = new Map() // \p{name} -> key
const gcValues = new Map() // General_Category value -> key
const scValues = new Map() // Script value -> canonical long name

for (const names of binary) {
    const live = names.filter((n) => accepts(n))
    if (live.length === 0) continue
    if (live.length !== names.length) throw new Error(`aliases of ${names[0]} partly accepted`)
    const key = 'b:' + names[0]
    data.set(key, encode(ranges(names[0])))
    for (const n of names) lone.set(n, key)
}
for (const names of generalCategories) {
    for (const n of names) {
        if (!accepts(n) || !accepts('gc=' + n)) throw new Error(`General_Category ${n} not accepted`)
    }
    const key = 'gc:' + names[0]
    data.set(key, encode(ranges(names[0])))
    for (const n of names) {
        lone.set(n, key)
        gcValues.set(n, key)
    }
}

const longScripts = scriptNames.filter((n) => accepts('sc=' + n))
const byRanges = new Map() // encoded Script ranges -> long name
for (const n of longScripts) {
    const enc = encode(ranges('sc=' + n))
    if (byRanges.has(enc)) throw new Error(`scripts ${byRanges.get(enc)} and ${n} coincide`)
    byRanges.set(enc, n)
    scValues.set(n, n)
    data.set('sc:' + n, enc)
    data.set('scx:' + n, encode(ranges('scx=' + n)))
}
const letters = 'abcdefghijklmnopqrstuvwxyz'
for (const a of letters.toUpperCase()) {
    for (const b of letters) {
        for (const c of letters) {
            for (const d of letters) {
                const code = a + b + c + d
                if (!accepts('sc=' + code)) continue
                const long = byRanges.get(encode(ranges('sc=' + code)))
                if (!long) throw new Error(`script code ${code} has no long name in this generator`)
                scValues.set(code, long)
            }
        }
    }
}

const sorted = (m) => [...m.entries()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
const out = []
out.push('// Code generated by testdata/gen-regexp-tables.js from Node ' + process.version + '; DO NOT EDIT.')
out.push('')
out.push('package vm')
out.push('')
out.push('// regexpUnicodeVersion is the Unicode version of the Node these tables were read from.')
out.push(`const regexpUnicodeVersion = ${JSON.stringify(process.versions.unicode)}`)
out.push('')
out.push('// regexpLoneNames maps the names \\p{...} accepts alone (binary properties and')
out.push('// General_Category values) to their key in regexpPropertyData.')
out.push('var regexpLoneNames = map[string]string{')
for (const [k, v] of sorted(lone)) out.push(`\t${JSON.stringify(k)}: ${JSON.stringify(v)},`)
out.push('}')
out.push('')
out.push('// regexpGeneralCategories maps General_Category values to their key in regexpPropertyData.')
out.push('var regexpGeneralCategories = map[string]string{')
for (const [k, v] of sorted(gcValues)) out.push(`\t${JSON.stringify(k)}: ${JSON.stringify(v)},`)
out.push('}')
out.push('')
out.push('// regexpScripts maps Script (and Script_Extensions) values to the script\'s long name,')
out.push('// which keys its data as "sc:" or "scx:" + name.')
out.push('var regexpScripts = map[string]string{')
for (const [k, v] of sorted(scValues)) out.push(`\t${JSON.stringify(k)}: ${JSON.stringify(v)},`)
out.push('}')
out.push('')
out.push('// regexpPropertyData holds each property\'s code point ranges in the encoding decodeRanges reads.')
out.push('var regexpPropertyData = map[string]string{')
for (const [k, v] of sorted(data)) out.push(`\t${JSON.stringify(k)}: ${JSON.stringify(v)},`)
out.push('}')
process.stdout.write(out.join('\n') + '\n')
