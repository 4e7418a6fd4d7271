//# stringify nested
return JSON.stringify({ a: [1, 'two', null, true], b: { c: 1.5e300, d: -0 } })
//# stringify indent
return JSON.stringify({ a: [1, { b: 2 }], c: 'x' }, null, 2)
//# stringify replacer array
return JSON.stringify({ b: 1, a: 2, c: 3 }, ['a', 'b'])
//# stringify undefined and functions
return JSON.stringify({ u: undefined, f() {}, s: Symbol('x'), arr: [undefined, () => 1] })
//# stringify unicode escapes
return JSON.stringify('\u2028\u2029\ud800 "quoted" \\ \n\t\u0001')
//# stringify dates
return JSON.stringify({ d: new Date(Date.UTC(2024, 1, 29, 12, 30, 15, 7)) })
//# stringify bigint throws
return JSON.stringify({ n: 10n })
//# parse error message
return JSON.parse('{"a": 1,}')
//# parse reviver
return JSON.parse('{"a": 1, "b": [2, 3]}', (k, v) => typeof v === 'number' ? v * 10 : v)
//# number formatting
return [0.1 + 0.2, 1e21, 123456789012345680000, 5e-7, -1e-7, 2 ** 53, 1 / 3].map(String).join(' ')
//# console log object
console.log('obj', { a: 1 }, [1, 2])
return 1
