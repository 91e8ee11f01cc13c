"""Input channels of kwalibot (REST, later socket.io, Slack, Teams) with the guards every channel needs."""
