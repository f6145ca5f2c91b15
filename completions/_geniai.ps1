
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'geniai' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'geniai'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'geniai' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Try everything on generated data: a Chatwoot, four clients (one in Portuguese), ETL, reports, the dashboard')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Apply pending schema migrations and create the database roles geniai needs')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'Manage the embedded PostgreSQL cluster (start, stop, status, url)')
            [CompletionResult]::new('tenant', 'tenant', [CompletionResultType]::ParameterValue, 'Manage tenants (clients): onboarding, plan, status, settings, deletion')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage users: a tenant''s staff, or platform admins')
            [CompletionResult]::new('inbox', 'inbox', [CompletionResultType]::ParameterValue, 'Manage which tenant owns which Chatwoot inbox')
            [CompletionResult]::new('secret', 'secret', [CompletionResultType]::ParameterValue, 'Manage a tenant''s encrypted secrets, and rotate the master key')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Print a new random master key for the tenant secrets (base64 of 32 bytes)')
            [CompletionResult]::new('etl', 'etl', [CompletionResultType]::ParameterValue, 'Copy Chatwoot data into the analytics database, incrementally (what cron runs hourly)')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Print a tenant''s KPI report, or the cross-client overview')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the web dashboard and the JSON API')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Manage per-tenant API tokens for the JSON API (create, list, revoke)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Show the audit log: who changed what, when, newest first')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the installation and print each finding with its fix (exit 1 if any check fails)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, elvish, powershell)')
            [CompletionResult]::new('dev', 'dev', [CompletionResultType]::ParameterValue, 'Developer tools (source generator)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'geniai;demo' {
            [CompletionResult]::new('--conversations', '--conversations', [CompletionResultType]::ParameterName, 'Conversations to generate in the demo Chatwoot')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Where the dashboard listens')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'Delete the demo tenants, users and generated Chatwoot first, and start over')
            [CompletionResult]::new('--no-serve', '--no-serve', [CompletionResultType]::ParameterName, 'Stop after printing the reports; do not start the dashboard')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;migrate' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format for --status')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'List applied and pending migrations instead of applying them (exit 1 if any is pending)')
            [CompletionResult]::new('--citus', '--citus', [CompletionResultType]::ParameterName, 'Require a Citus coordinator: fail unless the database has the citus extension. Without it the extension is detected, and the tables are distributed when it is there')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;db' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Create (on first use) and start the embedded server')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the embedded server')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Say whether the embedded server exists and runs')
            [CompletionResult]::new('url', 'url', [CompletionResultType]::ParameterValue, 'Print the connection URL, for psql and other tools (starts the server if needed)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'geniai;db;start' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;db;stop' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;db;status' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;db;url' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;db;help' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Create (on first use) and start the embedded server')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the embedded server')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Say whether the embedded server exists and runs')
            [CompletionResult]::new('url', 'url', [CompletionResultType]::ParameterValue, 'Print the connection URL, for psql and other tools (starts the server if needed)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'geniai;db;help;start' {
            break
        }
        'geniai;db;help;stop' {
            break
        }
        'geniai;db;help;status' {
            break
        }
        'geniai;db;help;url' {
            break
        }
        'geniai;db;help;help' {
            break
        }
        'geniai;tenant' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Onboard a tenant. On a terminal, missing flags are asked for interactively (name, slug, plan, timezone, inboxes from the unmapped list, first user); without one they are errors')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every tenant')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one tenant')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a tenant''s name, plan or timezone')
            [CompletionResult]::new('suspend', 'suspend', [CompletionResultType]::ParameterValue, 'Suspend a tenant: its users cannot log in and the ETL skips it')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Re-activate a suspended tenant')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a tenant with all its analytics data, inbox mappings, users, settings and secrets (the audit trail stays). Asks for confirmation unless --yes')
            [CompletionResult]::new('settings', 'settings', [CompletionResultType]::ParameterValue, 'Print a tenant''s settings, or change them when options are given')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'geniai;tenant;create' {
            [CompletionResult]::new('--slug', '--slug', [CompletionResultType]::ParameterName, 'Unique short name: 2-63 of a-z, 0-9 and ''-'', starting with a letter or digit')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Commercial plan [default: basic]')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'IANA timezone for reports, e.g. America/Sao_Paulo [default: UTC]')
            [CompletionResult]::new('--locale', '--locale', [CompletionResultType]::ParameterName, 'The dashboard''s default language and formats for the tenant''s users [default: en]')
            [CompletionResult]::new('--inbox', '--inbox', [CompletionResultType]::ParameterName, 'A Chatwoot inbox id this tenant owns (repeatable)')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;tenant;list' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;tenant;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;tenant;update' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'New display name')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'New plan')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'New IANA timezone')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;tenant;suspend' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;tenant;activate' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;tenant;delete' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete without asking')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;tenant;settings' {
            [CompletionResult]::new('--display-name', '--display-name', [CompletionResultType]::ParameterName, 'Name shown on the dashboard ("" clears it)')
            [CompletionResult]::new('--primary-color', '--primary-color', [CompletionResultType]::ParameterName, 'Main brand colour, #RRGGBB ("" clears it)')
            [CompletionResult]::new('--secondary-color', '--secondary-color', [CompletionResultType]::ParameterName, 'Second brand colour, #RRGGBB ("" clears it)')
            [CompletionResult]::new('--logo-url', '--logo-url', [CompletionResultType]::ParameterName, 'Logo address, http(s) ("" clears it)')
            [CompletionResult]::new('--locale', '--locale', [CompletionResultType]::ParameterName, 'The dashboard''s default language and formats for the tenant''s users')
            [CompletionResult]::new('--lead-label', '--lead-label', [CompletionResultType]::ParameterName, 'A Chatwoot label that marks a lead (repeatable; replaces the list)')
            [CompletionResult]::new('--conversion-label', '--conversion-label', [CompletionResultType]::ParameterName, 'A Chatwoot label that marks a conversion (repeatable; replaces the list)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--clear-lead-labels', '--clear-lead-labels', [CompletionResultType]::ParameterName, 'Remove every lead label')
            [CompletionResult]::new('--clear-conversion-labels', '--clear-conversion-labels', [CompletionResultType]::ParameterName, 'Remove every conversion label')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;tenant;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Onboard a tenant. On a terminal, missing flags are asked for interactively (name, slug, plan, timezone, inboxes from the unmapped list, first user); without one they are errors')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every tenant')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one tenant')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a tenant''s name, plan or timezone')
            [CompletionResult]::new('suspend', 'suspend', [CompletionResultType]::ParameterValue, 'Suspend a tenant: its users cannot log in and the ETL skips it')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Re-activate a suspended tenant')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a tenant with all its analytics data, inbox mappings, users, settings and secrets (the audit trail stays). Asks for confirmation unless --yes')
            [CompletionResult]::new('settings', 'settings', [CompletionResultType]::ParameterValue, 'Print a tenant''s settings, or change them when options are given')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'geniai;tenant;help;create' {
            break
        }
        'geniai;tenant;help;list' {
            break
        }
        'geniai;tenant;help;show' {
            break
        }
        'geniai;tenant;help;update' {
            break
        }
        'geniai;tenant;help;suspend' {
            break
        }
        'geniai;tenant;help;activate' {
            break
        }
        'geniai;tenant;help;delete' {
            break
        }
        'geniai;tenant;help;settings' {
            break
        }
        'geniai;tenant;help;help' {
            break
        }
        'geniai;user' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a user of a tenant (--tenant) or a platform admin (--platform-admin). The password is asked for on the terminal, or read from stdin with --password-stdin')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users, of one tenant or all')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Set a user''s password (ends the user''s sessions)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a user: no more logins, current sessions end')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled user')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a user. Asks for confirmation unless --yes')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'geniai;user;create' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email address, the login (case-insensitive)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'The tenant the user belongs to')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'The user''s role in the tenant')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--platform-admin', '--platform-admin', [CompletionResultType]::ParameterName, 'Make a platform admin (no tenant; manages and sees every tenant)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin instead of prompting')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;user;list' {
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Only this tenant''s users')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;user;passwd' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin instead of prompting')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;user;disable' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;user;enable' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;user;delete' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete without asking')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;user;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a user of a tenant (--tenant) or a platform admin (--platform-admin). The password is asked for on the terminal, or read from stdin with --password-stdin')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users, of one tenant or all')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Set a user''s password (ends the user''s sessions)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a user: no more logins, current sessions end')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled user')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a user. Asks for confirmation unless --yes')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'geniai;user;help;create' {
            break
        }
        'geniai;user;help;list' {
            break
        }
        'geniai;user;help;passwd' {
            break
        }
        'geniai;user;help;disable' {
            break
        }
        'geniai;user;help;enable' {
            break
        }
        'geniai;user;help;delete' {
            break
        }
        'geniai;user;help;help' {
            break
        }
        'geniai;inbox' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('map', 'map', [CompletionResultType]::ParameterValue, 'Give inboxes to a tenant. An inbox another tenant owns is refused unless --move, which also moves its analytics data. Ids the source does not have are mapped with a warning')
            [CompletionResult]::new('unmap', 'unmap', [CompletionResultType]::ParameterValue, 'Take an inbox away from its tenant and delete its analytics data (the ETL can copy it again after a new mapping)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List mapped inboxes, or with --unmapped the source''s inboxes that no tenant owns')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'geniai;inbox;map' {
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'The tenant that gets the inboxes')
            [CompletionResult]::new('--inbox', '--inbox', [CompletionResultType]::ParameterName, 'A Chatwoot inbox id (repeatable)')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--move', '--move', [CompletionResultType]::ParameterName, 'Move inboxes that another tenant owns, with their analytics rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;inbox;unmap' {
            [CompletionResult]::new('--inbox', '--inbox', [CompletionResultType]::ParameterName, 'The Chatwoot inbox id')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask on a terminal before deleting the inbox''s analytics rows')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask on a terminal before deleting the inbox''s analytics rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;inbox;list' {
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Only this tenant''s inboxes')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--unmapped', '--unmapped', [CompletionResultType]::ParameterName, 'List the Chatwoot source''s inboxes that no tenant owns (needs --source-url)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;inbox;help' {
            [CompletionResult]::new('map', 'map', [CompletionResultType]::ParameterValue, 'Give inboxes to a tenant. An inbox another tenant owns is refused unless --move, which also moves its analytics data. Ids the source does not have are mapped with a warning')
            [CompletionResult]::new('unmap', 'unmap', [CompletionResultType]::ParameterValue, 'Take an inbox away from its tenant and delete its analytics data (the ETL can copy it again after a new mapping)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List mapped inboxes, or with --unmapped the source''s inboxes that no tenant owns')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'geniai;inbox;help;map' {
            break
        }
        'geniai;inbox;help;unmap' {
            break
        }
        'geniai;inbox;help;list' {
            break
        }
        'geniai;inbox;help;help' {
            break
        }
        'geniai;secret' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a secret. The value is asked for (hidden) on a terminal, or read from stdin with --value-stdin. The secret `source_url` is the tenant''s own Chatwoot database for the ETL')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a tenant''s secrets: names, key fingerprints and dates, never values')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print a secret''s value on stdout (recorded in the audit log)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a secret')
            [CompletionResult]::new('rotate-key', 'rotate-key', [CompletionResultType]::ParameterValue, 'Re-encrypt every secret of every tenant under a new master key, in one transaction. The new key comes from --new-key-file or GENIAI_NEW_MASTER_KEY; the current key as usual')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'geniai;secret;set' {
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'The tenant')
            [CompletionResult]::new('--master-key-file', '--master-key-file', [CompletionResultType]::ParameterName, 'Read the master key from this file (wins over GENIAI_MASTER_KEY and GENIAI_MASTER_KEY_FILE)')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--value-stdin', '--value-stdin', [CompletionResultType]::ParameterName, 'Read the value from stdin (one trailing newline is dropped)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;secret;list' {
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'The tenant')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--master-key-file', '--master-key-file', [CompletionResultType]::ParameterName, 'Read the master key from this file (wins over GENIAI_MASTER_KEY and GENIAI_MASTER_KEY_FILE)')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--hints', '--hints', [CompletionResultType]::ParameterName, 'Add a masked hint of each value (its last four characters); needs the master key')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;secret;get' {
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'The tenant')
            [CompletionResult]::new('--master-key-file', '--master-key-file', [CompletionResultType]::ParameterName, 'Read the master key from this file (wins over GENIAI_MASTER_KEY and GENIAI_MASTER_KEY_FILE)')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;secret;delete' {
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'The tenant')
            [CompletionResult]::new('--master-key-file', '--master-key-file', [CompletionResultType]::ParameterName, 'Read the master key from this file (wins over GENIAI_MASTER_KEY and GENIAI_MASTER_KEY_FILE)')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;secret;rotate-key' {
            [CompletionResult]::new('--new-key-file', '--new-key-file', [CompletionResultType]::ParameterName, 'File holding the new master key (make one with `geniai keygen -o FILE`). Without it, the new key is read from GENIAI_NEW_MASTER_KEY')
            [CompletionResult]::new('--master-key-file', '--master-key-file', [CompletionResultType]::ParameterName, 'Read the master key from this file (wins over GENIAI_MASTER_KEY and GENIAI_MASTER_KEY_FILE)')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask on a terminal before re-encrypting')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask on a terminal before re-encrypting')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;secret;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a secret. The value is asked for (hidden) on a terminal, or read from stdin with --value-stdin. The secret `source_url` is the tenant''s own Chatwoot database for the ETL')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a tenant''s secrets: names, key fingerprints and dates, never values')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print a secret''s value on stdout (recorded in the audit log)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a secret')
            [CompletionResult]::new('rotate-key', 'rotate-key', [CompletionResultType]::ParameterValue, 'Re-encrypt every secret of every tenant under a new master key, in one transaction. The new key comes from --new-key-file or GENIAI_NEW_MASTER_KEY; the current key as usual')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'geniai;secret;help;set' {
            break
        }
        'geniai;secret;help;list' {
            break
        }
        'geniai;secret;help;get' {
            break
        }
        'geniai;secret;help;delete' {
            break
        }
        'geniai;secret;help;rotate-key' {
            break
        }
        'geniai;secret;help;help' {
            break
        }
        'geniai;keygen' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the key to this new file (mode 600) instead of stdout; an existing file is never overwritten')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the key to this new file (mode 600) instead of stdout; an existing file is never overwritten')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;etl' {
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'This tenant (slug); repeat for several')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Tenants processed in parallel')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Tenants processed in parallel')
            [CompletionResult]::new('--trigger', '--trigger', [CompletionResultType]::ParameterName, 'What started the run, recorded in the runs table [default: cron when neither stdin nor stderr is a terminal, else cli]')
            [CompletionResult]::new('--overlap', '--overlap', [CompletionResultType]::ParameterName, 'Seconds re-read before the watermark on each incremental run, so that transactions that commit out of timestamp order are not missed')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Rows per incremental batch')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'With --watch: from the start of one cycle to the start of the next (e.g. 30s, 2m)')
            [CompletionResult]::new('--max-backoff', '--max-backoff', [CompletionResultType]::ParameterName, 'With --watch: the longest wait after failed cycles, which back off exponentially')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--all-tenants', '--all-tenants', [CompletionResultType]::ParameterName, 'Every active tenant (suspended and cancelled ones are skipped with a note)')
            [CompletionResult]::new('--full', '--full', [CompletionResultType]::ParameterName, 'Ignore the watermarks and reload everything for these tenants (in one transaction each)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Extract and count the rows a run would read; write nothing')
            [CompletionResult]::new('--reconcile', '--reconcile', [CompletionResultType]::ParameterName, 'Also remove conversations deleted in Chatwoot (reads every conversation id of the tenant)')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Keep running: an incremental run every --interval until SIGTERM or Ctrl-C. Runs are recorded with trigger `watch`; failures back off (see --max-backoff)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Per tenant: the last run (start, duration, result, rows), the watermark and the lag')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete run rows older than an age, keeping each tenant''s latest run and latest run that changed something (what `etl status` shows). Audited')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'geniai;etl;status' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;etl;prune' {
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Delete runs that started longer ago than this (e.g. 30d, 12h)')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;etl;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Per tenant: the last run (start, duration, result, rows), the watermark and the lag')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete run rows older than an age, keeping each tenant''s latest run and latest run that changed something (what `etl status` shows). Audited')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'geniai;etl;help;status' {
            break
        }
        'geniai;etl;help;prune' {
            break
        }
        'geniai;etl;help;help' {
            break
        }
        'geniai;report' {
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'The tenant (slug). Required for every report but `overview`')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Start of the period, inclusive (YYYY-MM-DD or RFC 3339)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'End of the period, exclusive (YYYY-MM-DD or RFC 3339)')
            [CompletionResult]::new('--tz', '--tz', [CompletionResultType]::ParameterName, 'Timezone for day boundaries and buckets [default: the tenant''s; UTC for overview]')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket size for `daily`: an hour, day, week or month of the timezone (an hour''s key is `YYYY-MM-DDTHH:00`)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--business-hours', '--business-hours', [CompletionResultType]::ParameterName, 'Use durations within the inboxes'' business hours (Chatwoot''s value_in_business_hours)')
            [CompletionResult]::new('--fine', '--fine', [CompletionResultType]::ParameterName, 'For `frt-distribution`: the fine buckets 0-5m, 5-15m, 15-30m, 30m-1h, 1-4h, 4-8h, 8-24h, 24h+ instead of the standard five')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;serve' {
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address and port to listen on')
            [CompletionResult]::new('--session-ttl', '--session-ttl', [CompletionResultType]::ParameterName, 'A session ends this long after login, however active (e.g. 24h, 90m, 7d)')
            [CompletionResult]::new('--report-cache-ttl', '--report-cache-ttl', [CompletionResultType]::ParameterName, 'Reuse report figures for identical requests for this long (0 turns it off). Live counts (open, unattended) may lag by as much; the ETL itself runs every few minutes')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'A session ends after this long without a request')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'With --sync: from the start of one ETL cycle to the start of the next')
            [CompletionResult]::new('--metrics-token', '--metrics-token', [CompletionResultType]::ParameterName, 'Require `Authorization: Bearer TOKEN` on /metrics (401 otherwise), for deployments that cannot keep it private at the proxy. At least 16 characters. Set it through the environment or --metrics-token-file: a value on the command line is visible to every local user')
            [CompletionResult]::new('--metrics-token-file', '--metrics-token-file', [CompletionResultType]::ParameterName, 'Read the /metrics bearer token from this file (surrounding whitespace ignored)')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('--secure-cookies', '--secure-cookies', [CompletionResultType]::ParameterName, 'Mark cookies Secure (sent over HTTPS only). Use it whenever TLS fronts geniai')
            [CompletionResult]::new('--behind-proxy', '--behind-proxy', [CompletionResultType]::ParameterName, 'Behind a reverse proxy: take the client''s IP (for login throttling) from the last X-Forwarded-For entry, which the proxy appends. Only set it when a proxy always sets it')
            [CompletionResult]::new('--sync', '--sync', [CompletionResultType]::ParameterName, 'Also keep the analytics database in sync, as `geniai etl --all-tenants --watch` would, inside this process (small installations). Safe beside other syncing processes: a tenant being processed elsewhere is skipped')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;token' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token for a tenant and print it (once: store it now)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens (never their values)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token by its id (see `token list`); it stops working at once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'geniai;token;create' {
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'The tenant whose reports the token may read')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A label saying who or what uses the token')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;token;list' {
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Only this tenant''s tokens')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;token;revoke' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;token;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token for a tenant and print it (once: store it now)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens (never their values)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token by its id (see `token list`); it stops working at once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'geniai;token;help;create' {
            break
        }
        'geniai;token;help;list' {
            break
        }
        'geniai;token;help;revoke' {
            break
        }
        'geniai;token;help;help' {
            break
        }
        'geniai;audit' {
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Only entries about this tenant (also works for a deleted tenant)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only entries at or after this date (YYYY-MM-DD, UTC), RFC 3339 timestamp, or this long ago (`90m`, `24h`, `7d`, `2w`)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many entries, the newest')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;doctor' {
            [CompletionResult]::new('--max-lag-hours', '--max-lag-hours', [CompletionResultType]::ParameterName, 'Warn when a tenant''s ETL lag (now minus its oldest watermark) exceeds this many hours')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;completions' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;dev' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('seed-source', 'seed-source', [CompletionResultType]::ParameterValue, 'Fill an empty database with deterministic Chatwoot-compatible data')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'geniai;dev;seed-source' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The database to fill (PostgreSQL URL). It must hold no Chatwoot data yet')
            [CompletionResult]::new('--conversations', '--conversations', [CompletionResultType]::ParameterName, 'How many conversations to generate (about ten messages each)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed of the pseudo-random values')
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME')
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'The shared Chatwoot database, only ever read')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Who is acting, recorded in the audit log beside the OS user')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output (-v debug, -vv trace)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Less log output (-q warnings only, -qq errors only)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'geniai;dev;help' {
            [CompletionResult]::new('seed-source', 'seed-source', [CompletionResultType]::ParameterValue, 'Fill an empty database with deterministic Chatwoot-compatible data')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'geniai;dev;help;seed-source' {
            break
        }
        'geniai;dev;help;help' {
            break
        }
        'geniai;help' {
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Try everything on generated data: a Chatwoot, four clients (one in Portuguese), ETL, reports, the dashboard')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Apply pending schema migrations and create the database roles geniai needs')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'Manage the embedded PostgreSQL cluster (start, stop, status, url)')
            [CompletionResult]::new('tenant', 'tenant', [CompletionResultType]::ParameterValue, 'Manage tenants (clients): onboarding, plan, status, settings, deletion')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage users: a tenant''s staff, or platform admins')
            [CompletionResult]::new('inbox', 'inbox', [CompletionResultType]::ParameterValue, 'Manage which tenant owns which Chatwoot inbox')
            [CompletionResult]::new('secret', 'secret', [CompletionResultType]::ParameterValue, 'Manage a tenant''s encrypted secrets, and rotate the master key')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Print a new random master key for the tenant secrets (base64 of 32 bytes)')
            [CompletionResult]::new('etl', 'etl', [CompletionResultType]::ParameterValue, 'Copy Chatwoot data into the analytics database, incrementally (what cron runs hourly)')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Print a tenant''s KPI report, or the cross-client overview')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the web dashboard and the JSON API')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Manage per-tenant API tokens for the JSON API (create, list, revoke)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Show the audit log: who changed what, when, newest first')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the installation and print each finding with its fix (exit 1 if any check fails)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, elvish, powershell)')
            [CompletionResult]::new('dev', 'dev', [CompletionResultType]::ParameterValue, 'Developer tools (source generator)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'geniai;help;demo' {
            break
        }
        'geniai;help;migrate' {
            break
        }
        'geniai;help;db' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Create (on first use) and start the embedded server')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the embedded server')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Say whether the embedded server exists and runs')
            [CompletionResult]::new('url', 'url', [CompletionResultType]::ParameterValue, 'Print the connection URL, for psql and other tools (starts the server if needed)')
            break
        }
        'geniai;help;db;start' {
            break
        }
        'geniai;help;db;stop' {
            break
        }
        'geniai;help;db;status' {
            break
        }
        'geniai;help;db;url' {
            break
        }
        'geniai;help;tenant' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Onboard a tenant. On a terminal, missing flags are asked for interactively (name, slug, plan, timezone, inboxes from the unmapped list, first user); without one they are errors')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every tenant')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one tenant')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a tenant''s name, plan or timezone')
            [CompletionResult]::new('suspend', 'suspend', [CompletionResultType]::ParameterValue, 'Suspend a tenant: its users cannot log in and the ETL skips it')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Re-activate a suspended tenant')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a tenant with all its analytics data, inbox mappings, users, settings and secrets (the audit trail stays). Asks for confirmation unless --yes')
            [CompletionResult]::new('settings', 'settings', [CompletionResultType]::ParameterValue, 'Print a tenant''s settings, or change them when options are given')
            break
        }
        'geniai;help;tenant;create' {
            break
        }
        'geniai;help;tenant;list' {
            break
        }
        'geniai;help;tenant;show' {
            break
        }
        'geniai;help;tenant;update' {
            break
        }
        'geniai;help;tenant;suspend' {
            break
        }
        'geniai;help;tenant;activate' {
            break
        }
        'geniai;help;tenant;delete' {
            break
        }
        'geniai;help;tenant;settings' {
            break
        }
        'geniai;help;user' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a user of a tenant (--tenant) or a platform admin (--platform-admin). The password is asked for on the terminal, or read from stdin with --password-stdin')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users, of one tenant or all')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Set a user''s password (ends the user''s sessions)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a user: no more logins, current sessions end')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled user')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a user. Asks for confirmation unless --yes')
            break
        }
        'geniai;help;user;create' {
            break
        }
        'geniai;help;user;list' {
            break
        }
        'geniai;help;user;passwd' {
            break
        }
        'geniai;help;user;disable' {
            break
        }
        'geniai;help;user;enable' {
            break
        }
        'geniai;help;user;delete' {
            break
        }
        'geniai;help;inbox' {
            [CompletionResult]::new('map', 'map', [CompletionResultType]::ParameterValue, 'Give inboxes to a tenant. An inbox another tenant owns is refused unless --move, which also moves its analytics data. Ids the source does not have are mapped with a warning')
            [CompletionResult]::new('unmap', 'unmap', [CompletionResultType]::ParameterValue, 'Take an inbox away from its tenant and delete its analytics data (the ETL can copy it again after a new mapping)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List mapped inboxes, or with --unmapped the source''s inboxes that no tenant owns')
            break
        }
        'geniai;help;inbox;map' {
            break
        }
        'geniai;help;inbox;unmap' {
            break
        }
        'geniai;help;inbox;list' {
            break
        }
        'geniai;help;secret' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a secret. The value is asked for (hidden) on a terminal, or read from stdin with --value-stdin. The secret `source_url` is the tenant''s own Chatwoot database for the ETL')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a tenant''s secrets: names, key fingerprints and dates, never values')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print a secret''s value on stdout (recorded in the audit log)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a secret')
            [CompletionResult]::new('rotate-key', 'rotate-key', [CompletionResultType]::ParameterValue, 'Re-encrypt every secret of every tenant under a new master key, in one transaction. The new key comes from --new-key-file or GENIAI_NEW_MASTER_KEY; the current key as usual')
            break
        }
        'geniai;help;secret;set' {
            break
        }
        'geniai;help;secret;list' {
            break
        }
        'geniai;help;secret;get' {
            break
        }
        'geniai;help;secret;delete' {
            break
        }
        'geniai;help;secret;rotate-key' {
            break
        }
        'geniai;help;keygen' {
            break
        }
        'geniai;help;etl' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Per tenant: the last run (start, duration, result, rows), the watermark and the lag')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Delete run rows older than an age, keeping each tenant''s latest run and latest run that changed something (what `etl status` shows). Audited')
            break
        }
        'geniai;help;etl;status' {
            break
        }
        'geniai;help;etl;prune' {
            break
        }
        'geniai;help;report' {
            break
        }
        'geniai;help;serve' {
            break
        }
        'geniai;help;token' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token for a tenant and print it (once: store it now)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens (never their values)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token by its id (see `token list`); it stops working at once')
            break
        }
        'geniai;help;token;create' {
            break
        }
        'geniai;help;token;list' {
            break
        }
        'geniai;help;token;revoke' {
            break
        }
        'geniai;help;audit' {
            break
        }
        'geniai;help;doctor' {
            break
        }
        'geniai;help;completions' {
            break
        }
        'geniai;help;dev' {
            [CompletionResult]::new('seed-source', 'seed-source', [CompletionResultType]::ParameterValue, 'Fill an empty database with deterministic Chatwoot-compatible data')
            break
        }
        'geniai;help;dev;seed-source' {
            break
        }
        'geniai;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
