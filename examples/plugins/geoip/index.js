// GeoIP: looks the event's IP up with meta.geoip (a MaxMind City record) and adds
// $geoip_* event properties, plus the same values as person properties:
// $set: $geoip_*, $set_once: $initial_geoip_*. Modelled on PostHog/posthog-plugin-geoip.
// Set `$geoip_disable: true` on an event to skip it.

// Person properties reset on every located event, so that a value missing from the new
// location (e.g. no city) does not leave a stale one from an earlier location.
const defaultLocationSetProps = {
    $geoip_city_name: null,
    $geoip_country_name: null,
    $geoip_country_code: null,
    $geoip_continent_name: null,
    $geoip_continent_code: null,
    $geoip_postal_code: null,
    $geoip_latitude: null,
    $geoip_longitude: null,
    $geoip_time_zone: null,
}

const defaultLocationSetOnceProps = {
    $initial_geoip_city_name: null,
    $initial_geoip_country_name: null,
    $initial_geoip_country_code: null,
    $initial_geoip_continent_name: null,
    $initial_geoip_continent_code: null,
    $initial_geoip_postal_code: null,
    $initial_geoip_latitude: null,
    $initial_geoip_longitude: null,
    $initial_geoip_time_zone: null,
}

export async function processEvent(event, { geoip }) {
    if (!geoip) {
        throw new Error('This PostHog version does not have GeoIP capabilities! Upgrade to PostHog 1.24.0 or later')
    }
    const ip = event.properties?.$ip || event.ip
    if (!ip || event.properties?.$geoip_disable) {
        return event
    }

    const response = await geoip.locate(String(ip))
    if (!response) {
        return event
    }

    const location = {}
    if (response.city) {
        location['city_name'] = response.city.names?.en
    }
    if (response.country) {
        location['country_name'] = response.country.names?.en
        location['country_code'] = response.country.isoCode
    }
    if (response.continent) {
        location['continent_name'] = response.continent.names?.en
        location['continent_code'] = response.continent.code
    }
    if (response.postal) {
        location['postal_code'] = response.postal.code
    }
    if (response.location) {
        location['latitude'] = response.location.latitude
        location['longitude'] = response.location.longitude
        location['time_zone'] = response.location.timeZone
    }
    if (response.subdivisions) {
        for (const [index, subdivision] of response.subdivisions.entries()) {
            location[`subdivision_${index + 1}_code`] = subdivision.isoCode
            location[`subdivision_${index + 1}_name`] = subdivision.names?.en
        }
    }

    if (!event.properties) {
        event.properties = {}
    }
    event.$set = { ...defaultLocationSetProps, ...(event.$set ?? {}) }
    event.$set_once = { ...defaultLocationSetOnceProps, ...(event.$set_once ?? {}) }

    for (const [key, value] of Object.entries(location)) {
        event.properties[`$geoip_${key}`] = value
        event.$set[`$geoip_${key}`] = value
        event.$set_once[`$initial_geoip_${key}`] = value
    }
    return event
}
