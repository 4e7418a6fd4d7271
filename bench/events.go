package main

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/plugchain/plugchain/ojson"
)

// userAgents mixes browsers and bots, as real traffic does.
var userAgents = []string{
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36 Edg/123.0.2420.81",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
	"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
	"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 OPR/109.0.0.0",
	"curl/8.5.0",
}

var paths = []string{"/", "/pricing", "/docs/getting-started", "/blog/2024/05/launch-week", "/account/settings", "/signup", "/product/analytics"}

// generateEvents returns n PostHog events as JSON lines, the same for a given seed: pageviews
// with URLs and query strings, autocapture clicks with $elements, identifies with nested $set,
// custom events, and a few internal events a filter drops.
func generateEvents(n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	lines := make([]string, n)
	for i := range lines {
		user := fmt.Sprintf("user-%d", r.IntN(n/4+1))
		ev := ojson.NewObject(12)
		ev.Set("uuid", fmt.Sprintf("018f7a3c-%04x-7%03x-8%03x-%012x", i&0xffff, r.IntN(0x1000), r.IntN(0x1000), r.Uint64()&0xffffffffffff))
		ev.Set("distinct_id", user)
		ev.Set("ip", fmt.Sprintf("81.2.%d.%d", r.IntN(256), r.IntN(256)))
		ev.Set("site_url", "https://app.example.com")
		ev.Set("team_id", 2.0)
		ts := fmt.Sprintf("2024-05-14T%02d:%02d:%02d.%03dZ", i/3600%24, i/60%60, i%60, r.IntN(1000))
		ev.Set("now", ts)
		props := ojson.NewObject(24)
		url := "https://shop.example.com" + pick(paths)
		props.Set("$os", pick([]string{"Mac OS X", "Windows", "iOS", "Linux", "Android"}))
		props.Set("$browser", pick([]string{"Chrome", "Safari", "Firefox", "Microsoft Edge"}))
		props.Set("$device_type", pick([]string{"Desktop", "Mobile", "Tablet"}))
		props.Set("$raw_user_agent", pick(userAgents))
		props.Set("$lib", "web")
		props.Set("$lib_version", "1.130.2")
		props.Set("$session_id", fmt.Sprintf("018f7a3c-5b22-7aa0-8c11-%012x", r.Uint64()&0xffffffffffff))
		props.Set("$screen_width", float64(r.IntN(2000)+320))
		props.Set("$screen_height", float64(r.IntN(1200)+480))
		props.Set("token", "phc_example")
		name := ""
		switch k := r.IntN(100); {
		case k < 50:
			name = "$pageview"
			q := []string{}
			if r.IntN(2) == 0 {
				q = append(q, "utm_source="+pick([]string{"google", "newsletter", "twitter"}), "utm_medium=cpc", "utm_campaign=spring%20sale")
			}
			if r.IntN(10) == 0 {
				q = append(q, "email="+user+"@example.com")
			}
			if r.IntN(5) == 0 {
				q = append(q, fmt.Sprintf("ref=%d", r.IntN(10000000)))
			}
			if len(q) > 0 {
				url += "?" + strings.Join(q, "&")
			}
			props.Set("$referrer", pick([]string{"https://www.google.com/", "$direct", "https://news.ycombinator.com/"}))
		case k < 70:
			name = "$autocapture"
			props.Set("$event_type", "click")
			var elements []any
			for j := 0; j < 3+r.IntN(4); j++ {
				el := ojson.NewObject(6)
				el.Set("tag_name", pick([]string{"button", "a", "div", "span", "li"}))
				el.Set("$el_text", pick([]string{"Sign up", "Pricing", "Learn more", ""}))
				el.Set("attr__class", "btn btn-primary")
				el.Set("nth_child", float64(j+1))
				el.Set("nth_of_type", 1.0)
				elements = append(elements, el)
			}
			props.Set("$elements", elements)
		case k < 80:
			name = "$identify"
			set := ojson.NewObject(4)
			set.Set("email", user+"@example.com")
			set.Set("plan", pick([]string{"free", "pro", "enterprise"}))
			company := ojson.NewObject(2)
			company.Set("name", pick([]string{"Acme", "Globex", "Initech"}))
			company.Set("size", float64(10*(1+r.IntN(100))))
			set.Set("company", company)
			props.Set("$set", set)
		case k < 97:
			name = pick([]string{"purchase", "signed_up", "feature_used", "invite_sent"})
			props.Set("amount", float64(r.IntN(50000))/100)
			props.Set("currency", "EUR")
			props.Set("items", []any{"sku-" + fmt.Sprint(r.IntN(100)), "sku-" + fmt.Sprint(r.IntN(100))})
		default:
			name = "$internal"
		}
		props.Set("$current_url", url)
		props.Set("$host", "shop.example.com")
		props.Set("$pathname", strings.SplitN(strings.TrimPrefix(url, "https://shop.example.com"), "?", 2)[0])
		ev.Set("event", name)
		ev.Set("timestamp", ts)
		ev.Set("properties", props)
		b, err := ojson.Marshal(ev)
		if err != nil {
			panic(err)
		}
		lines[i] = string(b)
	}
	return lines
}
