"""kwalibot's input channels (rest, socketio, slack/, teams/), all passing messages through `guard`;
`recent` remembers answered retries (in Redis for several replicas), `wording` holds the channels' own words."""
