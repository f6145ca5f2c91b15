# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_geniai_global_optspecs
    string join \n database-url= source-url= home= actor= config= v/verbose q/quiet log-format= h/help V/version
end

function __fish_geniai_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_geniai_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_geniai_using_subcommand
    set -l cmd (__fish_geniai_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c geniai -n "__fish_geniai_needs_command" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_needs_command" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_needs_command" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_needs_command" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_needs_command" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_needs_command" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_needs_command" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_needs_command" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_needs_command" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_needs_command" -f -a "demo" -d 'Try everything on generated data: a Chatwoot, four clients (one in Portuguese), ETL, reports, the dashboard'
complete -c geniai -n "__fish_geniai_needs_command" -f -a "migrate" -d 'Apply pending schema migrations and create the database roles geniai needs'
complete -c geniai -n "__fish_geniai_needs_command" -f -a "db" -d 'Manage the embedded PostgreSQL cluster (start, stop, status, url)'
complete -c geniai -n "__fish_geniai_needs_command" -f -a "tenant" -d 'Manage tenants (clients): onboarding, plan, status, settings, deletion'
complete -c geniai -n "__fish_geniai_needs_command" -f -a "user" -d 'Manage users: a tenant\'s staff, or platform admins'
complete -c geniai -n "__fish_geniai_needs_command" -f -a "inbox" -d 'Manage which tenant owns which Chatwoot inbox'
complete -c geniai -n "__fish_geniai_needs_command" -f -a "secret" -d 'Manage a tenant\'s encrypted secrets, and rotate the master key'
complete -c geniai -n "__fish_geniai_needs_command" -f -a "keygen" -d 'Print a new random master key for the tenant secrets (base64 of 32 bytes)'
complete -c geniai -n "__fish_geniai_needs_command" -f -a "etl" -d 'Copy Chatwoot data into the analytics database, incrementally (what cron runs hourly)'
complete -c geniai -n "__fish_geniai_needs_command" -f -a "report" -d 'Print a tenant\'s KPI report, or the cross-client overview'
complete -c geniai -n "__fish_geniai_needs_command" -f -a "serve" -d 'Serve the web dashboard and the JSON API'
complete -c geniai -n "__fish_geniai_needs_command" -f -a "token" -d 'Manage per-tenant API tokens for the JSON API (create, list, revoke)'
complete -c geniai -n "__fish_geniai_needs_command" -f -a "audit" -d 'Show the audit log: who changed what, when, newest first'
complete -c geniai -n "__fish_geniai_needs_command" -f -a "doctor" -d 'Check the installation and print each finding with its fix (exit 1 if any check fails)'
complete -c geniai -n "__fish_geniai_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c geniai -n "__fish_geniai_needs_command" -f -a "dev" -d 'Developer tools (source generator)'
complete -c geniai -n "__fish_geniai_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c geniai -n "__fish_geniai_using_subcommand demo" -l conversations -d 'Conversations to generate in the demo Chatwoot' -r
complete -c geniai -n "__fish_geniai_using_subcommand demo" -l bind -d 'Where the dashboard listens' -r
complete -c geniai -n "__fish_geniai_using_subcommand demo" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand demo" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand demo" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand demo" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand demo" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand demo" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand demo" -l reset -d 'Delete the demo tenants, users and generated Chatwoot first, and start over'
complete -c geniai -n "__fish_geniai_using_subcommand demo" -l no-serve -d 'Stop after printing the reports; do not start the dashboard'
complete -c geniai -n "__fish_geniai_using_subcommand demo" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand demo" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand demo" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand migrate" -l format -d 'Output format for --status' -r -f -a "table\t'A table for people (the default)'
json\t'A JSON array (or object, for single records), for scripts'
csv\t'CSV with a header row, for spreadsheets and pipes'"
complete -c geniai -n "__fish_geniai_using_subcommand migrate" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand migrate" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand migrate" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand migrate" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand migrate" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand migrate" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand migrate" -l status -d 'List applied and pending migrations instead of applying them (exit 1 if any is pending)'
complete -c geniai -n "__fish_geniai_using_subcommand migrate" -l citus -d 'Require a Citus coordinator: fail unless the database has the citus extension. Without it the extension is detected, and the tables are distributed when it is there'
complete -c geniai -n "__fish_geniai_using_subcommand migrate" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand migrate" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand migrate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand migrate" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand db; and not __fish_seen_subcommand_from start stop status url help" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand db; and not __fish_seen_subcommand_from start stop status url help" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand db; and not __fish_seen_subcommand_from start stop status url help" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand db; and not __fish_seen_subcommand_from start stop status url help" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand db; and not __fish_seen_subcommand_from start stop status url help" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand db; and not __fish_seen_subcommand_from start stop status url help" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand db; and not __fish_seen_subcommand_from start stop status url help" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand db; and not __fish_seen_subcommand_from start stop status url help" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand db; and not __fish_seen_subcommand_from start stop status url help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand db; and not __fish_seen_subcommand_from start stop status url help" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand db; and not __fish_seen_subcommand_from start stop status url help" -f -a "start" -d 'Create (on first use) and start the embedded server'
complete -c geniai -n "__fish_geniai_using_subcommand db; and not __fish_seen_subcommand_from start stop status url help" -f -a "stop" -d 'Stop the embedded server'
complete -c geniai -n "__fish_geniai_using_subcommand db; and not __fish_seen_subcommand_from start stop status url help" -f -a "status" -d 'Say whether the embedded server exists and runs'
complete -c geniai -n "__fish_geniai_using_subcommand db; and not __fish_seen_subcommand_from start stop status url help" -f -a "url" -d 'Print the connection URL, for psql and other tools (starts the server if needed)'
complete -c geniai -n "__fish_geniai_using_subcommand db; and not __fish_seen_subcommand_from start stop status url help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from start" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from start" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from start" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from start" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from start" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from start" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from start" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from start" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from stop" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from stop" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from stop" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from stop" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from stop" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from stop" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from stop" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from stop" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from status" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from status" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from status" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from status" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from status" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from status" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from url" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from url" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from url" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from url" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from url" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from url" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from url" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from url" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from url" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from url" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "start" -d 'Create (on first use) and start the embedded server'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop the embedded server'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "status" -d 'Say whether the embedded server exists and runs'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "url" -d 'Print the connection URL, for psql and other tools (starts the server if needed)'
complete -c geniai -n "__fish_geniai_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and not __fish_seen_subcommand_from create list show update suspend activate delete settings help" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and not __fish_seen_subcommand_from create list show update suspend activate delete settings help" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and not __fish_seen_subcommand_from create list show update suspend activate delete settings help" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and not __fish_seen_subcommand_from create list show update suspend activate delete settings help" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and not __fish_seen_subcommand_from create list show update suspend activate delete settings help" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and not __fish_seen_subcommand_from create list show update suspend activate delete settings help" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and not __fish_seen_subcommand_from create list show update suspend activate delete settings help" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and not __fish_seen_subcommand_from create list show update suspend activate delete settings help" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and not __fish_seen_subcommand_from create list show update suspend activate delete settings help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and not __fish_seen_subcommand_from create list show update suspend activate delete settings help" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and not __fish_seen_subcommand_from create list show update suspend activate delete settings help" -f -a "create" -d 'Onboard a tenant. On a terminal, missing flags are asked for interactively (name, slug, plan, timezone, inboxes from the unmapped list, first user); without one they are errors'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and not __fish_seen_subcommand_from create list show update suspend activate delete settings help" -f -a "list" -d 'List every tenant'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and not __fish_seen_subcommand_from create list show update suspend activate delete settings help" -f -a "show" -d 'Show one tenant'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and not __fish_seen_subcommand_from create list show update suspend activate delete settings help" -f -a "update" -d 'Change a tenant\'s name, plan or timezone'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and not __fish_seen_subcommand_from create list show update suspend activate delete settings help" -f -a "suspend" -d 'Suspend a tenant: its users cannot log in and the ETL skips it'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and not __fish_seen_subcommand_from create list show update suspend activate delete settings help" -f -a "activate" -d 'Re-activate a suspended tenant'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and not __fish_seen_subcommand_from create list show update suspend activate delete settings help" -f -a "delete" -d 'Delete a tenant with all its analytics data, inbox mappings, users, settings and secrets (the audit trail stays). Asks for confirmation unless --yes'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and not __fish_seen_subcommand_from create list show update suspend activate delete settings help" -f -a "settings" -d 'Print a tenant\'s settings, or change them when options are given'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and not __fish_seen_subcommand_from create list show update suspend activate delete settings help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from create" -l slug -d 'Unique short name: 2-63 of a-z, 0-9 and \'-\', starting with a letter or digit' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from create" -l name -d 'Display name' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from create" -l plan -d 'Commercial plan [default: basic]' -r -f -a "basic\t'The entry plan (the default)'
pro\t'The professional plan'
enterprise\t'The enterprise plan'"
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from create" -l timezone -d 'IANA timezone for reports, e.g. America/Sao_Paulo [default: UTC]' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from create" -l locale -d 'The dashboard\'s default language and formats for the tenant\'s users [default: en]' -r -f -a "en\t'English (the default)'
pt-BR\t'Brazilian Portuguese'"
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from create" -l inbox -d 'A Chatwoot inbox id this tenant owns (repeatable)' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from create" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from create" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from create" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from create" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from create" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from create" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from create" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t'A table for people (the default)'
json\t'A JSON array (or object, for single records), for scripts'
csv\t'CSV with a header row, for spreadsheets and pipes'"
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from list" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from list" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from list" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from list" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from list" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from list" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "table\t'A table for people (the default)'
json\t'A JSON array (or object, for single records), for scripts'
csv\t'CSV with a header row, for spreadsheets and pipes'"
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from show" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from show" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from show" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from show" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from show" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from show" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from update" -l name -d 'New display name' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from update" -l plan -d 'New plan' -r -f -a "basic\t'The entry plan (the default)'
pro\t'The professional plan'
enterprise\t'The enterprise plan'"
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from update" -l timezone -d 'New IANA timezone' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from update" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from update" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from update" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from update" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from update" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from update" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from update" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from suspend" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from suspend" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from suspend" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from suspend" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from suspend" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from suspend" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from suspend" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from suspend" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from suspend" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from suspend" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from activate" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from activate" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from activate" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from activate" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from activate" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from activate" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from activate" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from activate" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from activate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from activate" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from delete" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from delete" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from delete" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from delete" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from delete" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from delete" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Delete without asking'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -l display-name -d 'Name shown on the dashboard ("" clears it)' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -l primary-color -d 'Main brand colour, #RRGGBB ("" clears it)' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -l secondary-color -d 'Second brand colour, #RRGGBB ("" clears it)' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -l logo-url -d 'Logo address, http(s) ("" clears it)' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -l locale -d 'The dashboard\'s default language and formats for the tenant\'s users' -r -f -a "en\t'English (the default)'
pt-BR\t'Brazilian Portuguese'"
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -l lead-label -d 'A Chatwoot label that marks a lead (repeatable; replaces the list)' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -l conversion-label -d 'A Chatwoot label that marks a conversion (repeatable; replaces the list)' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -l format -d 'Output format' -r -f -a "table\t'A table for people (the default)'
json\t'A JSON array (or object, for single records), for scripts'
csv\t'CSV with a header row, for spreadsheets and pipes'"
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -l clear-lead-labels -d 'Remove every lead label'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -l clear-conversion-labels -d 'Remove every conversion label'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from settings" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from help" -f -a "create" -d 'Onboard a tenant. On a terminal, missing flags are asked for interactively (name, slug, plan, timezone, inboxes from the unmapped list, first user); without one they are errors'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from help" -f -a "list" -d 'List every tenant'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one tenant'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a tenant\'s name, plan or timezone'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from help" -f -a "suspend" -d 'Suspend a tenant: its users cannot log in and the ETL skips it'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from help" -f -a "activate" -d 'Re-activate a suspended tenant'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a tenant with all its analytics data, inbox mappings, users, settings and secrets (the audit trail stays). Asks for confirmation unless --yes'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from help" -f -a "settings" -d 'Print a tenant\'s settings, or change them when options are given'
complete -c geniai -n "__fish_geniai_using_subcommand tenant; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c geniai -n "__fish_geniai_using_subcommand user; and not __fish_seen_subcommand_from create list passwd disable enable delete help" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and not __fish_seen_subcommand_from create list passwd disable enable delete help" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and not __fish_seen_subcommand_from create list passwd disable enable delete help" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand user; and not __fish_seen_subcommand_from create list passwd disable enable delete help" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and not __fish_seen_subcommand_from create list passwd disable enable delete help" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand user; and not __fish_seen_subcommand_from create list passwd disable enable delete help" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand user; and not __fish_seen_subcommand_from create list passwd disable enable delete help" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand user; and not __fish_seen_subcommand_from create list passwd disable enable delete help" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand user; and not __fish_seen_subcommand_from create list passwd disable enable delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand user; and not __fish_seen_subcommand_from create list passwd disable enable delete help" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand user; and not __fish_seen_subcommand_from create list passwd disable enable delete help" -f -a "create" -d 'Create a user of a tenant (--tenant) or a platform admin (--platform-admin). The password is asked for on the terminal, or read from stdin with --password-stdin'
complete -c geniai -n "__fish_geniai_using_subcommand user; and not __fish_seen_subcommand_from create list passwd disable enable delete help" -f -a "list" -d 'List users, of one tenant or all'
complete -c geniai -n "__fish_geniai_using_subcommand user; and not __fish_seen_subcommand_from create list passwd disable enable delete help" -f -a "passwd" -d 'Set a user\'s password (ends the user\'s sessions)'
complete -c geniai -n "__fish_geniai_using_subcommand user; and not __fish_seen_subcommand_from create list passwd disable enable delete help" -f -a "disable" -d 'Disable a user: no more logins, current sessions end'
complete -c geniai -n "__fish_geniai_using_subcommand user; and not __fish_seen_subcommand_from create list passwd disable enable delete help" -f -a "enable" -d 'Enable a disabled user'
complete -c geniai -n "__fish_geniai_using_subcommand user; and not __fish_seen_subcommand_from create list passwd disable enable delete help" -f -a "delete" -d 'Delete a user. Asks for confirmation unless --yes'
complete -c geniai -n "__fish_geniai_using_subcommand user; and not __fish_seen_subcommand_from create list passwd disable enable delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from create" -l email -d 'Email address, the login (case-insensitive)' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from create" -l name -d 'Display name' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from create" -l tenant -d 'The tenant the user belongs to' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from create" -l role -d 'The user\'s role in the tenant' -r -f -a "admin\t'Manages the tenant\'s settings, integration secrets and users'
analyst\t'Reads every report and exports data'
viewer\t'Reads the dashboard (the default: least privilege)'"
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from create" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from create" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from create" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from create" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from create" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from create" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from create" -l platform-admin -d 'Make a platform admin (no tenant; manages and sees every tenant)'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from create" -l password-stdin -d 'Read the password from the first line of stdin instead of prompting'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from create" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from list" -l tenant -d 'Only this tenant\'s users' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t'A table for people (the default)'
json\t'A JSON array (or object, for single records), for scripts'
csv\t'CSV with a header row, for spreadsheets and pipes'"
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from list" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from list" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from list" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from list" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from list" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from list" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from passwd" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from passwd" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from passwd" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from passwd" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from passwd" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from passwd" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from passwd" -l password-stdin -d 'Read the password from the first line of stdin instead of prompting'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from passwd" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from passwd" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from passwd" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from passwd" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from disable" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from disable" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from disable" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from disable" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from disable" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from disable" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from disable" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from disable" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from enable" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from enable" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from enable" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from enable" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from enable" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from enable" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from enable" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from enable" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from delete" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from delete" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from delete" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from delete" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from delete" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from delete" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Delete without asking'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a user of a tenant (--tenant) or a platform admin (--platform-admin). The password is asked for on the terminal, or read from stdin with --password-stdin'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "list" -d 'List users, of one tenant or all'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "passwd" -d 'Set a user\'s password (ends the user\'s sessions)'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Disable a user: no more logins, current sessions end'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Enable a disabled user'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a user. Asks for confirmation unless --yes'
complete -c geniai -n "__fish_geniai_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and not __fish_seen_subcommand_from map unmap list help" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and not __fish_seen_subcommand_from map unmap list help" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and not __fish_seen_subcommand_from map unmap list help" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and not __fish_seen_subcommand_from map unmap list help" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and not __fish_seen_subcommand_from map unmap list help" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and not __fish_seen_subcommand_from map unmap list help" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and not __fish_seen_subcommand_from map unmap list help" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and not __fish_seen_subcommand_from map unmap list help" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and not __fish_seen_subcommand_from map unmap list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and not __fish_seen_subcommand_from map unmap list help" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and not __fish_seen_subcommand_from map unmap list help" -f -a "map" -d 'Give inboxes to a tenant. An inbox another tenant owns is refused unless --move, which also moves its analytics data. Ids the source does not have are mapped with a warning'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and not __fish_seen_subcommand_from map unmap list help" -f -a "unmap" -d 'Take an inbox away from its tenant and delete its analytics data (the ETL can copy it again after a new mapping)'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and not __fish_seen_subcommand_from map unmap list help" -f -a "list" -d 'List mapped inboxes, or with --unmapped the source\'s inboxes that no tenant owns'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and not __fish_seen_subcommand_from map unmap list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from map" -l tenant -d 'The tenant that gets the inboxes' -r
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from map" -l inbox -d 'A Chatwoot inbox id (repeatable)' -r
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from map" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from map" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from map" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from map" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from map" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from map" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from map" -l move -d 'Move inboxes that another tenant owns, with their analytics rows'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from map" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from map" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from map" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from map" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from unmap" -l inbox -d 'The Chatwoot inbox id' -r
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from unmap" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from unmap" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from unmap" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from unmap" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from unmap" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from unmap" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from unmap" -s y -l yes -d 'Do not ask on a terminal before deleting the inbox\'s analytics rows'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from unmap" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from unmap" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from unmap" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from unmap" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from list" -l tenant -d 'Only this tenant\'s inboxes' -r
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t'A table for people (the default)'
json\t'A JSON array (or object, for single records), for scripts'
csv\t'CSV with a header row, for spreadsheets and pipes'"
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from list" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from list" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from list" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from list" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from list" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from list" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from list" -l unmapped -d 'List the Chatwoot source\'s inboxes that no tenant owns (needs --source-url)'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from help" -f -a "map" -d 'Give inboxes to a tenant. An inbox another tenant owns is refused unless --move, which also moves its analytics data. Ids the source does not have are mapped with a warning'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from help" -f -a "unmap" -d 'Take an inbox away from its tenant and delete its analytics data (the ETL can copy it again after a new mapping)'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from help" -f -a "list" -d 'List mapped inboxes, or with --unmapped the source\'s inboxes that no tenant owns'
complete -c geniai -n "__fish_geniai_using_subcommand inbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and not __fish_seen_subcommand_from set list get delete rotate-key help" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and not __fish_seen_subcommand_from set list get delete rotate-key help" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and not __fish_seen_subcommand_from set list get delete rotate-key help" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand secret; and not __fish_seen_subcommand_from set list get delete rotate-key help" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and not __fish_seen_subcommand_from set list get delete rotate-key help" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand secret; and not __fish_seen_subcommand_from set list get delete rotate-key help" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand secret; and not __fish_seen_subcommand_from set list get delete rotate-key help" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and not __fish_seen_subcommand_from set list get delete rotate-key help" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and not __fish_seen_subcommand_from set list get delete rotate-key help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and not __fish_seen_subcommand_from set list get delete rotate-key help" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and not __fish_seen_subcommand_from set list get delete rotate-key help" -f -a "set" -d 'Set a secret. The value is asked for (hidden) on a terminal, or read from stdin with --value-stdin. The secret `source_url` is the tenant\'s own Chatwoot database for the ETL'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and not __fish_seen_subcommand_from set list get delete rotate-key help" -f -a "list" -d 'List a tenant\'s secrets: names, key fingerprints and dates, never values'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and not __fish_seen_subcommand_from set list get delete rotate-key help" -f -a "get" -d 'Print a secret\'s value on stdout (recorded in the audit log)'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and not __fish_seen_subcommand_from set list get delete rotate-key help" -f -a "delete" -d 'Delete a secret'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and not __fish_seen_subcommand_from set list get delete rotate-key help" -f -a "rotate-key" -d 'Re-encrypt every secret of every tenant under a new master key, in one transaction. The new key comes from --new-key-file or GENIAI_NEW_MASTER_KEY; the current key as usual'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and not __fish_seen_subcommand_from set list get delete rotate-key help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from set" -l tenant -d 'The tenant' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from set" -l master-key-file -d 'Read the master key from this file (wins over GENIAI_MASTER_KEY and GENIAI_MASTER_KEY_FILE)' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from set" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from set" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from set" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from set" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from set" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from set" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from set" -l value-stdin -d 'Read the value from stdin (one trailing newline is dropped)'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from set" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from list" -l tenant -d 'The tenant' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t'A table for people (the default)'
json\t'A JSON array (or object, for single records), for scripts'
csv\t'CSV with a header row, for spreadsheets and pipes'"
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from list" -l master-key-file -d 'Read the master key from this file (wins over GENIAI_MASTER_KEY and GENIAI_MASTER_KEY_FILE)' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from list" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from list" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from list" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from list" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from list" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from list" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from list" -l hints -d 'Add a masked hint of each value (its last four characters); needs the master key'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from get" -l tenant -d 'The tenant' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from get" -l master-key-file -d 'Read the master key from this file (wins over GENIAI_MASTER_KEY and GENIAI_MASTER_KEY_FILE)' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from get" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from get" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from get" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from get" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from get" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from get" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from get" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from delete" -l tenant -d 'The tenant' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from delete" -l master-key-file -d 'Read the master key from this file (wins over GENIAI_MASTER_KEY and GENIAI_MASTER_KEY_FILE)' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from delete" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from delete" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from delete" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from delete" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from delete" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from delete" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from rotate-key" -l new-key-file -d 'File holding the new master key (make one with `geniai keygen -o FILE`). Without it, the new key is read from GENIAI_NEW_MASTER_KEY' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from rotate-key" -l master-key-file -d 'Read the master key from this file (wins over GENIAI_MASTER_KEY and GENIAI_MASTER_KEY_FILE)' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from rotate-key" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from rotate-key" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from rotate-key" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from rotate-key" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from rotate-key" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from rotate-key" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from rotate-key" -s y -l yes -d 'Do not ask on a terminal before re-encrypting'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from rotate-key" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from rotate-key" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from rotate-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from rotate-key" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set a secret. The value is asked for (hidden) on a terminal, or read from stdin with --value-stdin. The secret `source_url` is the tenant\'s own Chatwoot database for the ETL'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "list" -d 'List a tenant\'s secrets: names, key fingerprints and dates, never values'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print a secret\'s value on stdout (recorded in the audit log)'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a secret'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "rotate-key" -d 'Re-encrypt every secret of every tenant under a new master key, in one transaction. The new key comes from --new-key-file or GENIAI_NEW_MASTER_KEY; the current key as usual'
complete -c geniai -n "__fish_geniai_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c geniai -n "__fish_geniai_using_subcommand keygen" -s o -l output -d 'Write the key to this new file (mode 600) instead of stdout; an existing file is never overwritten' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand keygen" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand keygen" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand keygen" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand keygen" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand keygen" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand keygen" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand keygen" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand keygen" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand keygen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand keygen" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -l tenant -d 'This tenant (slug); repeat for several' -r
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -s j -l jobs -d 'Tenants processed in parallel' -r
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -l trigger -d 'What started the run, recorded in the runs table [default: cron when neither stdin nor stderr is a terminal, else cli]' -r -f -a "cli\t'A person at a terminal'
cron\t'A scheduler (cron, a systemd timer)'"
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -l overlap -d 'Seconds re-read before the watermark on each incremental run, so that transactions that commit out of timestamp order are not missed' -r
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -l batch-size -d 'Rows per incremental batch' -r
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -l interval -d 'With --watch: from the start of one cycle to the start of the next (e.g. 30s, 2m)' -r
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -l max-backoff -d 'With --watch: the longest wait after failed cycles, which back off exponentially' -r
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -l all-tenants -d 'Every active tenant (suspended and cancelled ones are skipped with a note)'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -l full -d 'Ignore the watermarks and reload everything for these tenants (in one transaction each)'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -l dry-run -d 'Extract and count the rows a run would read; write nothing'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -l reconcile -d 'Also remove conversations deleted in Chatwoot (reads every conversation id of the tenant)'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -l watch -d 'Keep running: an incremental run every --interval until SIGTERM or Ctrl-C. Runs are recorded with trigger `watch`; failures back off (see --max-backoff)'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -f -a "status" -d 'Per tenant: the last run (start, duration, result, rows), the watermark and the lag'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -f -a "prune" -d 'Delete run rows older than an age, keeping each tenant\'s latest run and latest run that changed something (what `etl status` shows). Audited'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and not __fish_seen_subcommand_from status prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from status" -l format -d 'Output format' -r -f -a "table\t'A table for people (the default)'
json\t'A JSON array (or object, for single records), for scripts'
csv\t'CSV with a header row, for spreadsheets and pipes'"
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from status" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from status" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from status" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from status" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from status" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from status" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from prune" -l older-than -d 'Delete runs that started longer ago than this (e.g. 30d, 12h)' -r
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from prune" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from prune" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from prune" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from prune" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from prune" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from prune" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from prune" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from prune" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from help" -f -a "status" -d 'Per tenant: the last run (start, duration, result, rows), the watermark and the lag'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Delete run rows older than an age, keeping each tenant\'s latest run and latest run that changed something (what `etl status` shows). Audited'
complete -c geniai -n "__fish_geniai_using_subcommand etl; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c geniai -n "__fish_geniai_using_subcommand report" -l tenant -d 'The tenant (slug). Required for every report but `overview`' -r
complete -c geniai -n "__fish_geniai_using_subcommand report" -l from -d 'Start of the period, inclusive (YYYY-MM-DD or RFC 3339)' -r
complete -c geniai -n "__fish_geniai_using_subcommand report" -l to -d 'End of the period, exclusive (YYYY-MM-DD or RFC 3339)' -r
complete -c geniai -n "__fish_geniai_using_subcommand report" -l tz -d 'Timezone for day boundaries and buckets [default: the tenant\'s; UTC for overview]' -r
complete -c geniai -n "__fish_geniai_using_subcommand report" -l bucket -d 'Bucket size for `daily`: an hour, day, week or month of the timezone (an hour\'s key is `YYYY-MM-DDTHH:00`)' -r -f -a "hour\t''
day\t''
week\t''
month\t''"
complete -c geniai -n "__fish_geniai_using_subcommand report" -l format -d 'Output format' -r -f -a "table\t'A table for people (the default)'
json\t'A JSON array (or object, for single records), for scripts'
csv\t'CSV with a header row, for spreadsheets and pipes'"
complete -c geniai -n "__fish_geniai_using_subcommand report" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand report" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand report" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand report" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand report" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand report" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand report" -l business-hours -d 'Use durations within the inboxes\' business hours (Chatwoot\'s value_in_business_hours)'
complete -c geniai -n "__fish_geniai_using_subcommand report" -l fine -d 'For `frt-distribution`: the fine buckets 0-5m, 5-15m, 15-30m, 30m-1h, 1-4h, 4-8h, 8-24h, 24h+ instead of the standard five'
complete -c geniai -n "__fish_geniai_using_subcommand report" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand report" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand report" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand serve" -l bind -d 'Address and port to listen on' -r
complete -c geniai -n "__fish_geniai_using_subcommand serve" -l session-ttl -d 'A session ends this long after login, however active (e.g. 24h, 90m, 7d)' -r
complete -c geniai -n "__fish_geniai_using_subcommand serve" -l report-cache-ttl -d 'Reuse report figures for identical requests for this long (0 turns it off). Live counts (open, unattended) may lag by as much; the ETL itself runs every few minutes' -r
complete -c geniai -n "__fish_geniai_using_subcommand serve" -l idle-timeout -d 'A session ends after this long without a request' -r
complete -c geniai -n "__fish_geniai_using_subcommand serve" -l interval -d 'With --sync: from the start of one ETL cycle to the start of the next' -r
complete -c geniai -n "__fish_geniai_using_subcommand serve" -l metrics-token -d 'Require `Authorization: Bearer TOKEN` on /metrics (401 otherwise), for deployments that cannot keep it private at the proxy. At least 16 characters. Set it through the environment or --metrics-token-file: a value on the command line is visible to every local user' -r
complete -c geniai -n "__fish_geniai_using_subcommand serve" -l metrics-token-file -d 'Read the /metrics bearer token from this file (surrounding whitespace ignored)' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand serve" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand serve" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand serve" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand serve" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand serve" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand serve" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand serve" -l secure-cookies -d 'Mark cookies Secure (sent over HTTPS only). Use it whenever TLS fronts geniai'
complete -c geniai -n "__fish_geniai_using_subcommand serve" -l behind-proxy -d 'Behind a reverse proxy: take the client\'s IP (for login throttling) from the last X-Forwarded-For entry, which the proxy appends. Only set it when a proxy always sets it'
complete -c geniai -n "__fish_geniai_using_subcommand serve" -l sync -d 'Also keep the analytics database in sync, as `geniai etl --all-tenants --watch` would, inside this process (small installations). Safe beside other syncing processes: a tenant being processed elsewhere is skipped'
complete -c geniai -n "__fish_geniai_using_subcommand serve" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand serve" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand serve" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "create" -d 'Create a token for a tenant and print it (once: store it now)'
complete -c geniai -n "__fish_geniai_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "list" -d 'List tokens (never their values)'
complete -c geniai -n "__fish_geniai_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "revoke" -d 'Revoke a token by its id (see `token list`); it stops working at once'
complete -c geniai -n "__fish_geniai_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from create" -l tenant -d 'The tenant whose reports the token may read' -r
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from create" -l name -d 'A label saying who or what uses the token' -r
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from create" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from create" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from create" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from create" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from create" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from create" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from create" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from list" -l tenant -d 'Only this tenant\'s tokens' -r
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t'A table for people (the default)'
json\t'A JSON array (or object, for single records), for scripts'
csv\t'CSV with a header row, for spreadsheets and pipes'"
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from list" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from list" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from list" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from list" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from list" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from list" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from revoke" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from revoke" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from revoke" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from revoke" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from revoke" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from revoke" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a token for a tenant and print it (once: store it now)'
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "list" -d 'List tokens (never their values)'
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke a token by its id (see `token list`); it stops working at once'
complete -c geniai -n "__fish_geniai_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c geniai -n "__fish_geniai_using_subcommand audit" -l tenant -d 'Only entries about this tenant (also works for a deleted tenant)' -r
complete -c geniai -n "__fish_geniai_using_subcommand audit" -l since -d 'Only entries at or after this date (YYYY-MM-DD, UTC), RFC 3339 timestamp, or this long ago (`90m`, `24h`, `7d`, `2w`)' -r
complete -c geniai -n "__fish_geniai_using_subcommand audit" -l limit -d 'At most this many entries, the newest' -r
complete -c geniai -n "__fish_geniai_using_subcommand audit" -l format -d 'Output format' -r -f -a "table\t'A table for people (the default)'
json\t'A JSON array (or object, for single records), for scripts'
csv\t'CSV with a header row, for spreadsheets and pipes'"
complete -c geniai -n "__fish_geniai_using_subcommand audit" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand audit" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand audit" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand audit" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand audit" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand audit" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand audit" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand audit" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand audit" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand doctor" -l max-lag-hours -d 'Warn when a tenant\'s ETL lag (now minus its oldest watermark) exceeds this many hours' -r
complete -c geniai -n "__fish_geniai_using_subcommand doctor" -l format -d 'Output format' -r -f -a "table\t'A table for people (the default)'
json\t'A JSON array (or object, for single records), for scripts'
csv\t'CSV with a header row, for spreadsheets and pipes'"
complete -c geniai -n "__fish_geniai_using_subcommand doctor" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand doctor" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand doctor" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand doctor" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand doctor" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand doctor" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand doctor" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand doctor" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand completions" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand completions" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand completions" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand completions" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand completions" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand completions" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand completions" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand completions" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand completions" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand dev; and not __fish_seen_subcommand_from seed-source help" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand dev; and not __fish_seen_subcommand_from seed-source help" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand dev; and not __fish_seen_subcommand_from seed-source help" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand dev; and not __fish_seen_subcommand_from seed-source help" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand dev; and not __fish_seen_subcommand_from seed-source help" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand dev; and not __fish_seen_subcommand_from seed-source help" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand dev; and not __fish_seen_subcommand_from seed-source help" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand dev; and not __fish_seen_subcommand_from seed-source help" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand dev; and not __fish_seen_subcommand_from seed-source help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand dev; and not __fish_seen_subcommand_from seed-source help" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand dev; and not __fish_seen_subcommand_from seed-source help" -f -a "seed-source" -d 'Fill an empty database with deterministic Chatwoot-compatible data'
complete -c geniai -n "__fish_geniai_using_subcommand dev; and not __fish_seen_subcommand_from seed-source help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c geniai -n "__fish_geniai_using_subcommand dev; and __fish_seen_subcommand_from seed-source" -l url -d 'The database to fill (PostgreSQL URL). It must hold no Chatwoot data yet' -r
complete -c geniai -n "__fish_geniai_using_subcommand dev; and __fish_seen_subcommand_from seed-source" -l conversations -d 'How many conversations to generate (about ten messages each)' -r
complete -c geniai -n "__fish_geniai_using_subcommand dev; and __fish_seen_subcommand_from seed-source" -l seed -d 'Seed of the pseudo-random values' -r
complete -c geniai -n "__fish_geniai_using_subcommand dev; and __fish_seen_subcommand_from seed-source" -l database-url -d 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME' -r
complete -c geniai -n "__fish_geniai_using_subcommand dev; and __fish_seen_subcommand_from seed-source" -l source-url -d 'The shared Chatwoot database, only ever read' -r
complete -c geniai -n "__fish_geniai_using_subcommand dev; and __fish_seen_subcommand_from seed-source" -l home -d 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand dev; and __fish_seen_subcommand_from seed-source" -l actor -d 'Who is acting, recorded in the audit log beside the OS user' -r
complete -c geniai -n "__fish_geniai_using_subcommand dev; and __fish_seen_subcommand_from seed-source" -l config -d 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it' -r -F
complete -c geniai -n "__fish_geniai_using_subcommand dev; and __fish_seen_subcommand_from seed-source" -l log-format -d 'Log line format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per event, for log collectors'"
complete -c geniai -n "__fish_geniai_using_subcommand dev; and __fish_seen_subcommand_from seed-source" -s v -l verbose -d 'More log output (-v debug, -vv trace)'
complete -c geniai -n "__fish_geniai_using_subcommand dev; and __fish_seen_subcommand_from seed-source" -s q -l quiet -d 'Less log output (-q warnings only, -qq errors only)'
complete -c geniai -n "__fish_geniai_using_subcommand dev; and __fish_seen_subcommand_from seed-source" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c geniai -n "__fish_geniai_using_subcommand dev; and __fish_seen_subcommand_from seed-source" -s V -l version -d 'Print version'
complete -c geniai -n "__fish_geniai_using_subcommand dev; and __fish_seen_subcommand_from help" -f -a "seed-source" -d 'Fill an empty database with deterministic Chatwoot-compatible data'
complete -c geniai -n "__fish_geniai_using_subcommand dev; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c geniai -n "__fish_geniai_using_subcommand help; and not __fish_seen_subcommand_from demo migrate db tenant user inbox secret keygen etl report serve token audit doctor completions dev help" -f -a "demo" -d 'Try everything on generated data: a Chatwoot, four clients (one in Portuguese), ETL, reports, the dashboard'
complete -c geniai -n "__fish_geniai_using_subcommand help; and not __fish_seen_subcommand_from demo migrate db tenant user inbox secret keygen etl report serve token audit doctor completions dev help" -f -a "migrate" -d 'Apply pending schema migrations and create the database roles geniai needs'
complete -c geniai -n "__fish_geniai_using_subcommand help; and not __fish_seen_subcommand_from demo migrate db tenant user inbox secret keygen etl report serve token audit doctor completions dev help" -f -a "db" -d 'Manage the embedded PostgreSQL cluster (start, stop, status, url)'
complete -c geniai -n "__fish_geniai_using_subcommand help; and not __fish_seen_subcommand_from demo migrate db tenant user inbox secret keygen etl report serve token audit doctor completions dev help" -f -a "tenant" -d 'Manage tenants (clients): onboarding, plan, status, settings, deletion'
complete -c geniai -n "__fish_geniai_using_subcommand help; and not __fish_seen_subcommand_from demo migrate db tenant user inbox secret keygen etl report serve token audit doctor completions dev help" -f -a "user" -d 'Manage users: a tenant\'s staff, or platform admins'
complete -c geniai -n "__fish_geniai_using_subcommand help; and not __fish_seen_subcommand_from demo migrate db tenant user inbox secret keygen etl report serve token audit doctor completions dev help" -f -a "inbox" -d 'Manage which tenant owns which Chatwoot inbox'
complete -c geniai -n "__fish_geniai_using_subcommand help; and not __fish_seen_subcommand_from demo migrate db tenant user inbox secret keygen etl report serve token audit doctor completions dev help" -f -a "secret" -d 'Manage a tenant\'s encrypted secrets, and rotate the master key'
complete -c geniai -n "__fish_geniai_using_subcommand help; and not __fish_seen_subcommand_from demo migrate db tenant user inbox secret keygen etl report serve token audit doctor completions dev help" -f -a "keygen" -d 'Print a new random master key for the tenant secrets (base64 of 32 bytes)'
complete -c geniai -n "__fish_geniai_using_subcommand help; and not __fish_seen_subcommand_from demo migrate db tenant user inbox secret keygen etl report serve token audit doctor completions dev help" -f -a "etl" -d 'Copy Chatwoot data into the analytics database, incrementally (what cron runs hourly)'
complete -c geniai -n "__fish_geniai_using_subcommand help; and not __fish_seen_subcommand_from demo migrate db tenant user inbox secret keygen etl report serve token audit doctor completions dev help" -f -a "report" -d 'Print a tenant\'s KPI report, or the cross-client overview'
complete -c geniai -n "__fish_geniai_using_subcommand help; and not __fish_seen_subcommand_from demo migrate db tenant user inbox secret keygen etl report serve token audit doctor completions dev help" -f -a "serve" -d 'Serve the web dashboard and the JSON API'
complete -c geniai -n "__fish_geniai_using_subcommand help; and not __fish_seen_subcommand_from demo migrate db tenant user inbox secret keygen etl report serve token audit doctor completions dev help" -f -a "token" -d 'Manage per-tenant API tokens for the JSON API (create, list, revoke)'
complete -c geniai -n "__fish_geniai_using_subcommand help; and not __fish_seen_subcommand_from demo migrate db tenant user inbox secret keygen etl report serve token audit doctor completions dev help" -f -a "audit" -d 'Show the audit log: who changed what, when, newest first'
complete -c geniai -n "__fish_geniai_using_subcommand help; and not __fish_seen_subcommand_from demo migrate db tenant user inbox secret keygen etl report serve token audit doctor completions dev help" -f -a "doctor" -d 'Check the installation and print each finding with its fix (exit 1 if any check fails)'
complete -c geniai -n "__fish_geniai_using_subcommand help; and not __fish_seen_subcommand_from demo migrate db tenant user inbox secret keygen etl report serve token audit doctor completions dev help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c geniai -n "__fish_geniai_using_subcommand help; and not __fish_seen_subcommand_from demo migrate db tenant user inbox secret keygen etl report serve token audit doctor completions dev help" -f -a "dev" -d 'Developer tools (source generator)'
complete -c geniai -n "__fish_geniai_using_subcommand help; and not __fish_seen_subcommand_from demo migrate db tenant user inbox secret keygen etl report serve token audit doctor completions dev help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "start" -d 'Create (on first use) and start the embedded server'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "stop" -d 'Stop the embedded server'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "status" -d 'Say whether the embedded server exists and runs'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "url" -d 'Print the connection URL, for psql and other tools (starts the server if needed)'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from tenant" -f -a "create" -d 'Onboard a tenant. On a terminal, missing flags are asked for interactively (name, slug, plan, timezone, inboxes from the unmapped list, first user); without one they are errors'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from tenant" -f -a "list" -d 'List every tenant'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from tenant" -f -a "show" -d 'Show one tenant'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from tenant" -f -a "update" -d 'Change a tenant\'s name, plan or timezone'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from tenant" -f -a "suspend" -d 'Suspend a tenant: its users cannot log in and the ETL skips it'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from tenant" -f -a "activate" -d 'Re-activate a suspended tenant'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from tenant" -f -a "delete" -d 'Delete a tenant with all its analytics data, inbox mappings, users, settings and secrets (the audit trail stays). Asks for confirmation unless --yes'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from tenant" -f -a "settings" -d 'Print a tenant\'s settings, or change them when options are given'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "create" -d 'Create a user of a tenant (--tenant) or a platform admin (--platform-admin). The password is asked for on the terminal, or read from stdin with --password-stdin'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "list" -d 'List users, of one tenant or all'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "passwd" -d 'Set a user\'s password (ends the user\'s sessions)'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "disable" -d 'Disable a user: no more logins, current sessions end'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "enable" -d 'Enable a disabled user'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "delete" -d 'Delete a user. Asks for confirmation unless --yes'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from inbox" -f -a "map" -d 'Give inboxes to a tenant. An inbox another tenant owns is refused unless --move, which also moves its analytics data. Ids the source does not have are mapped with a warning'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from inbox" -f -a "unmap" -d 'Take an inbox away from its tenant and delete its analytics data (the ETL can copy it again after a new mapping)'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from inbox" -f -a "list" -d 'List mapped inboxes, or with --unmapped the source\'s inboxes that no tenant owns'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "set" -d 'Set a secret. The value is asked for (hidden) on a terminal, or read from stdin with --value-stdin. The secret `source_url` is the tenant\'s own Chatwoot database for the ETL'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "list" -d 'List a tenant\'s secrets: names, key fingerprints and dates, never values'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "get" -d 'Print a secret\'s value on stdout (recorded in the audit log)'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "delete" -d 'Delete a secret'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "rotate-key" -d 'Re-encrypt every secret of every tenant under a new master key, in one transaction. The new key comes from --new-key-file or GENIAI_NEW_MASTER_KEY; the current key as usual'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from etl" -f -a "status" -d 'Per tenant: the last run (start, duration, result, rows), the watermark and the lag'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from etl" -f -a "prune" -d 'Delete run rows older than an age, keeping each tenant\'s latest run and latest run that changed something (what `etl status` shows). Audited'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "create" -d 'Create a token for a tenant and print it (once: store it now)'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "list" -d 'List tokens (never their values)'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "revoke" -d 'Revoke a token by its id (see `token list`); it stops working at once'
complete -c geniai -n "__fish_geniai_using_subcommand help; and __fish_seen_subcommand_from dev" -f -a "seed-source" -d 'Fill an empty database with deterministic Chatwoot-compatible data'
