// Deferred: a differential test plugin with only onEvent, so the chain lists it in
// $plugins_deferred. Its log goes to stderr and is not compared.

exports.onEvent = function (event) {
    console.log('onEvent', event.event, Object.keys(event.properties || {}).length)
}
