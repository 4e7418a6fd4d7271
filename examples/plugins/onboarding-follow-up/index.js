// Onboarding Follow-up: a signup schedules a job for later (meta.jobs ... runIn). When it runs,
// the job looks at what the user did since (kept in meta.storage by processEvent) and captures
// onboarding_completed or onboarding_stalled with posthog.capture.

export const jobs = {
    checkOnboarding: async ({ distinctId, signedUpAt }, { storage }) => {
        const seen = await storage.get(`seen:${distinctId}`, 0)
        posthog.capture(seen > 0 ? 'onboarding_completed' : 'onboarding_stalled', {
            distinct_id: distinctId,
            signed_up_at: signedUpAt,
            events_since_signup: seen,
        })
        await storage.del(`seen:${distinctId}`)
    },
}

export async function setupPlugin({ config, global }) {
    global.delayHours = parseFloat(config.delayHours)
    if (!(global.delayHours > 0)) {
        throw new Error(`delayHours must be a positive number, got "${config.delayHours}"`)
    }
}

export async function processEvent(event, { config, global, jobs, storage, utils }) {
    if (event.event === config.signupEvent) {
        await storage.set(`seen:${event.distinct_id}`, 0)
        await jobs.checkOnboarding({ distinctId: event.distinct_id, signedUpAt: event.timestamp }).runIn(global.delayHours, 'hours')
    } else if (event.distinct_id && (await storage.get(`seen:${event.distinct_id}`)) !== undefined) {
        await utils.cursor.increment(`seen:${event.distinct_id}`) // atomic across instances
    }
    return event
}
