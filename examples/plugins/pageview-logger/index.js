// Pageview Logger: writes one log line per $pageview, after ingestion.
// onEvent gets the final event (after every processEvent of the chain); its return value is ignored.

export function onEvent(event) {
    if (event.event !== '$pageview') {
        return
    }
    console.log('pageview', event.properties?.$current_url)
}
