# geniai dashboard: English. Each line is `key = text`; `{ $name }` is filled in by the program
# (numbers and dates arrive already formatted). Keep the keys; translate the text.

## Shared layout
app-tagline = Conversation analytics
nav-overview = Overview
nav-audit = Audit log
nav-new-tenant = New tenant
nav-dashboard = Dashboard
nav-integrations = Integrations
nav-menu = Menu
log-out = Log out
language = Language
language-default = Tenant default
language-browser = Browser default
language-apply = Change
locale-en = English
locale-pt-BR = Português (Brasil)
none = (none)

## Login
login-title = Log in
login-email = Email
login-password = Password
login-submit = Log in
login-failed = Wrong email or password, or too many attempts. Try again later.
login-busy = The server is busy checking other logins. Try again in a few seconds.

## Error pages and messages
error-page-title = Error { $status }
error-back = Back to the dashboard
error-unauthorized = authentication required
error-forbidden = forbidden
error-not-found = not found
error-internal = internal error
error-form-too-large = the form is too large
error-unknown-timezone = unknown timezone “{ $value }”: choose one from the list
error-bad-date = “{ $value }” is not a date (for example 2026-01-31)
error-period-order = the start of the period ({ $from }) must be before its end ({ $to })
error-period-too-long = the period may span at most { $days } days
error-unknown-preset = unknown period “{ $value }”
error-unknown-bucket = unknown grouping “{ $value }”
error-invalid = the input is not valid: { $detail }
error-conflict = this conflicts with what exists: { $detail }
error-busy = busy right now, try again shortly: { $detail }
error-secret-name = invalid secret name “{ $value }”: use 1 to 64 letters, digits, “_”, “.” or “-”
error-secret-value = the value must be 1 to { $max } bytes
error-no-master-key = no master key is configured on the server
error-tenant-exists = a tenant with slug “{ $value }” already exists
error-user-exists = a user with email “{ $value }” already exists
error-unknown-locale = unknown language “{ $value }”

## Freshness line
updated = Updated
newest-change = newest change in Chatwoot
not-synced = Not synced yet
ago-seconds = { $n } s ago
ago-minutes = { $n } min ago
ago-hours = { $n } h ago
ago-days = { $n } d ago

## Dashboard
viewing-tenant = Viewing tenant
viewing-as-admin = as a platform admin.
key-figures = Key figures
kpi-conversations = Conversations
kpi-resolutions = Resolutions
kpi-avg-first-response = Avg first response
kpi-median-first-response = Median first response
kpi-avg-resolution = Avg resolution time
kpi-csat-average = CSAT (1–5)
kpi-csat-satisfaction = CSAT satisfied
kpi-leads = Leads
kpi-conversions = Conversions
kpi-conversion-rate = Conversion rate
kpi-open = Open now
kpi-unattended = Unattended now
kpi-unassigned = Unassigned now
chart-daily = Conversations and resolutions per day
chart-series-title = Conversations and resolutions
chart-point = { $label }: { $conversations } conversations, { $resolutions } resolutions
legend-conversations = Conversations
legend-resolutions = Resolutions
by-inbox = By inbox
by-agent = By agent
by-team = By team
by-label = By label
by-channel = By channel
col-inbox = Inbox
col-agent = Agent
col-team = Team
col-label = Label
col-channel = Channel
col-conversations = Conversations
col-resolutions = Resolutions
col-avg-first-response = Avg first response
col-median-first-response = Median first response
table-total = Total
table-total-distinct = All conversations
table-total-distinct-note = A conversation with several labels counts under each of them; the totals row counts it once.
col-avg-resolution = Avg resolution
col-csat = CSAT
empty-inboxes = No inboxes in this period.
empty-agents = No agents in this period.
empty-teams = No teams in this period.
empty-labels = No labels in this period.
empty-channels = No channels in this period.
frt-title = First response time
frt-within = Within
frt-first-responses = First responses
frt-share = Share
downloads = Downloads
csv-every-conversation = every conversation (export)
picker-from = From
picker-timezone = Timezone
picker-show = Show
picker-until = To (last day included)
picker-timezone-default = { $tz } (account default)
presets-label = Period
preset-today = Today
preset-yesterday = Yesterday
preset-last-7-days = Last 7 days
preset-last-30-days = Last 30 days
preset-last-90-days = Last 90 days
preset-this-month = This month
preset-last-month = Last month
preset-this-year = This year
preset-custom = Custom
period-compared = compared with { $range }
change-previous = before: { $value }
change-same = unchanged
change-no-previous = nothing to compare with
change-up = up { $percent }
change-down = down { $percent }
change-unchanged = unchanged
change-better = better
change-worse = worse
change-sentence = { $direction } against the previous period { $verdict ->
    [none] {""}
   *[other] ({ $verdict })
}

## CSV header rows of the dashboard's downloads (the CLI and the API keep the field names)
csv-tenant = tenant
csv-from = from
csv-to = to
csv-timezone = timezone
csv-business_hours = business_hours
csv-date = date
csv-inbox_id = inbox_id
csv-agent_id = agent_id
csv-team_id = team_id
csv-label = label
csv-channel_type = channel_type
csv-name = name
csv-conversations = conversations
csv-incoming_messages = incoming_messages
csv-outgoing_messages = outgoing_messages
csv-resolutions = resolutions
csv-resolved_conversations = resolved_conversations
csv-avg_first_response_seconds = avg_first_response_seconds
csv-median_first_response_seconds = median_first_response_seconds
csv-p90_first_response_seconds = p90_first_response_seconds
csv-avg_resolution_seconds = avg_resolution_seconds
csv-avg_reply_seconds = avg_reply_seconds
csv-bot_resolutions = bot_resolutions
csv-bot_handoffs = bot_handoffs
csv-csat_responses = csat_responses
csv-csat_average = csat_average
csv-csat_satisfaction = csat_satisfaction
csv-csat_surveys_sent = csat_surveys_sent
csv-leads = leads
csv-conversions = conversions
csv-csat_response_rate = csat_response_rate
csv-conversion_rate = conversion_rate
csv-open = open
csv-unattended = unattended
csv-unassigned = unassigned
csv-bucket = bucket
csv-lower_seconds = lower_seconds
csv-upper_seconds = upper_seconds
csv-first_responses = first_responses
csv-share = share
csv-weekday = weekday
csv-hour = hour
csv-conversation_id = conversation_id
csv-display_id = display_id
csv-account_id = account_id
csv-inbox_name = inbox_name
csv-assignee_id = assignee_id
csv-agent_name = agent_name
csv-team_name = team_name
csv-status = status
csv-priority = priority
csv-labels = labels
csv-created_at = created_at
csv-first_response_seconds = first_response_seconds
csv-resolution_seconds = resolution_seconds
csv-csat_rating = csat_rating

## Integrations (settings)
integrations-title = Integrations
integrations-intro = Credentials of { $tenant }'s integrations. Stored encrypted; values are never shown again, only their last four characters.
integrations-no-key = The server has no master key configured (GENIAI_MASTER_KEY), so secrets cannot be changed here.
secret-name = Name
secret-value = Value
secret-changed = Last changed
secret-delete = Delete
secret-delete-confirm = Delete this credential? The integration stops working until it is set again.
secret-managed = managed by GeniAI
secrets-empty = No integration credentials yet.
secret-set-title = Set a credential
secret-save = Save

## Admin: overview
overview-title = All tenants
col-tenant = Tenant
col-status = Status
col-leads = Leads
col-conversions = Conversions
col-conv-rate = Conv. rate
col-avg-frt = Avg FRT
col-last-etl = Last ETL
col-etl-lag = ETL lag
col-actions = Actions
all-tenants = All tenants
never = never
overview-footnote = Period: { $from } to { $to }. ETL lag: how far behind the source each copy is (now minus its oldest watermark).
suspend = Suspend
activate = Activate
suspend-confirm = Suspend this tenant? Its users are logged out and cannot log in until it is activated.
status-active = active
status-suspended = suspended
status-succeeded = succeeded
status-failed = failed
status-running = running

## Admin: tenant page
add-user-title = Add a user to { $tenant }
user-email = Email
user-name = Name
user-role = Role
user-password = Initial password (12+ characters)
add-user = Add user

## Admin: audit log
audit-title = Audit log
audit-tenant-filter = Tenant (slug)
audit-filter = Filter
col-when = When (UTC)
col-who = Who
col-action = Action
col-entity = Entity
col-before = Before
col-after = After
audit-empty = Nothing recorded yet.

## Admin: new tenant
new-tenant-title = New tenant
tenant-name = Name
tenant-slug = Slug (a-z, 0-9, -)
tenant-plan = Plan
tenant-timezone = Timezone
create-tenant = Create tenant
