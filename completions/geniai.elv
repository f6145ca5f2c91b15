
use builtin;
use str;

set edit:completion:arg-completer[geniai] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'geniai'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'geniai'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand demo 'Try everything on generated data: a Chatwoot, four clients (one in Portuguese), ETL, reports, the dashboard'
            cand migrate 'Apply pending schema migrations and create the database roles geniai needs'
            cand db 'Manage the embedded PostgreSQL cluster (start, stop, status, url)'
            cand tenant 'Manage tenants (clients): onboarding, plan, status, settings, deletion'
            cand user 'Manage users: a tenant''s staff, or platform admins'
            cand inbox 'Manage which tenant owns which Chatwoot inbox'
            cand secret 'Manage a tenant''s encrypted secrets, and rotate the master key'
            cand keygen 'Print a new random master key for the tenant secrets (base64 of 32 bytes)'
            cand etl 'Copy Chatwoot data into the analytics database, incrementally (what cron runs hourly)'
            cand report 'Print a tenant''s KPI report, or the cross-client overview'
            cand serve 'Serve the web dashboard and the JSON API'
            cand token 'Manage per-tenant API tokens for the JSON API (create, list, revoke)'
            cand audit 'Show the audit log: who changed what, when, newest first'
            cand doctor 'Check the installation and print each finding with its fix (exit 1 if any check fails)'
            cand completions 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
            cand dev 'Developer tools (source generator)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'geniai;demo'= {
            cand --conversations 'Conversations to generate in the demo Chatwoot'
            cand --bind 'Where the dashboard listens'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand --reset 'Delete the demo tenants, users and generated Chatwoot first, and start over'
            cand --no-serve 'Stop after printing the reports; do not start the dashboard'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;migrate'= {
            cand --format 'Output format for --status'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand --status 'List applied and pending migrations instead of applying them (exit 1 if any is pending)'
            cand --citus 'Require a Citus coordinator: fail unless the database has the citus extension. Without it the extension is detected, and the tables are distributed when it is there'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;db'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand start 'Create (on first use) and start the embedded server'
            cand stop 'Stop the embedded server'
            cand status 'Say whether the embedded server exists and runs'
            cand url 'Print the connection URL, for psql and other tools (starts the server if needed)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'geniai;db;start'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;db;stop'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;db;status'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;db;url'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;db;help'= {
            cand start 'Create (on first use) and start the embedded server'
            cand stop 'Stop the embedded server'
            cand status 'Say whether the embedded server exists and runs'
            cand url 'Print the connection URL, for psql and other tools (starts the server if needed)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'geniai;db;help;start'= {
        }
        &'geniai;db;help;stop'= {
        }
        &'geniai;db;help;status'= {
        }
        &'geniai;db;help;url'= {
        }
        &'geniai;db;help;help'= {
        }
        &'geniai;tenant'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Onboard a tenant. On a terminal, missing flags are asked for interactively (name, slug, plan, timezone, inboxes from the unmapped list, first user); without one they are errors'
            cand list 'List every tenant'
            cand show 'Show one tenant'
            cand update 'Change a tenant''s name, plan or timezone'
            cand suspend 'Suspend a tenant: its users cannot log in and the ETL skips it'
            cand activate 'Re-activate a suspended tenant'
            cand delete 'Delete a tenant with all its analytics data, inbox mappings, users, settings and secrets (the audit trail stays). Asks for confirmation unless --yes'
            cand settings 'Print a tenant''s settings, or change them when options are given'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'geniai;tenant;create'= {
            cand --slug 'Unique short name: 2-63 of a-z, 0-9 and ''-'', starting with a letter or digit'
            cand --name 'Display name'
            cand --plan 'Commercial plan [default: basic]'
            cand --timezone 'IANA timezone for reports, e.g. America/Sao_Paulo [default: UTC]'
            cand --locale 'The dashboard''s default language and formats for the tenant''s users [default: en]'
            cand --inbox 'A Chatwoot inbox id this tenant owns (repeatable)'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;tenant;list'= {
            cand --format 'Output format'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;tenant;show'= {
            cand --format 'Output format'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;tenant;update'= {
            cand --name 'New display name'
            cand --plan 'New plan'
            cand --timezone 'New IANA timezone'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;tenant;suspend'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;tenant;activate'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;tenant;delete'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -y 'Delete without asking'
            cand --yes 'Delete without asking'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;tenant;settings'= {
            cand --display-name 'Name shown on the dashboard ("" clears it)'
            cand --primary-color 'Main brand colour, #RRGGBB ("" clears it)'
            cand --secondary-color 'Second brand colour, #RRGGBB ("" clears it)'
            cand --logo-url 'Logo address, http(s) ("" clears it)'
            cand --locale 'The dashboard''s default language and formats for the tenant''s users'
            cand --lead-label 'A Chatwoot label that marks a lead (repeatable; replaces the list)'
            cand --conversion-label 'A Chatwoot label that marks a conversion (repeatable; replaces the list)'
            cand --format 'Output format'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand --clear-lead-labels 'Remove every lead label'
            cand --clear-conversion-labels 'Remove every conversion label'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;tenant;help'= {
            cand create 'Onboard a tenant. On a terminal, missing flags are asked for interactively (name, slug, plan, timezone, inboxes from the unmapped list, first user); without one they are errors'
            cand list 'List every tenant'
            cand show 'Show one tenant'
            cand update 'Change a tenant''s name, plan or timezone'
            cand suspend 'Suspend a tenant: its users cannot log in and the ETL skips it'
            cand activate 'Re-activate a suspended tenant'
            cand delete 'Delete a tenant with all its analytics data, inbox mappings, users, settings and secrets (the audit trail stays). Asks for confirmation unless --yes'
            cand settings 'Print a tenant''s settings, or change them when options are given'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'geniai;tenant;help;create'= {
        }
        &'geniai;tenant;help;list'= {
        }
        &'geniai;tenant;help;show'= {
        }
        &'geniai;tenant;help;update'= {
        }
        &'geniai;tenant;help;suspend'= {
        }
        &'geniai;tenant;help;activate'= {
        }
        &'geniai;tenant;help;delete'= {
        }
        &'geniai;tenant;help;settings'= {
        }
        &'geniai;tenant;help;help'= {
        }
        &'geniai;user'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a user of a tenant (--tenant) or a platform admin (--platform-admin). The password is asked for on the terminal, or read from stdin with --password-stdin'
            cand list 'List users, of one tenant or all'
            cand passwd 'Set a user''s password (ends the user''s sessions)'
            cand disable 'Disable a user: no more logins, current sessions end'
            cand enable 'Enable a disabled user'
            cand delete 'Delete a user. Asks for confirmation unless --yes'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'geniai;user;create'= {
            cand --email 'Email address, the login (case-insensitive)'
            cand --name 'Display name'
            cand --tenant 'The tenant the user belongs to'
            cand --role 'The user''s role in the tenant'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand --platform-admin 'Make a platform admin (no tenant; manages and sees every tenant)'
            cand --password-stdin 'Read the password from the first line of stdin instead of prompting'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;user;list'= {
            cand --tenant 'Only this tenant''s users'
            cand --format 'Output format'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;user;passwd'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand --password-stdin 'Read the password from the first line of stdin instead of prompting'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;user;disable'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;user;enable'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;user;delete'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -y 'Delete without asking'
            cand --yes 'Delete without asking'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;user;help'= {
            cand create 'Create a user of a tenant (--tenant) or a platform admin (--platform-admin). The password is asked for on the terminal, or read from stdin with --password-stdin'
            cand list 'List users, of one tenant or all'
            cand passwd 'Set a user''s password (ends the user''s sessions)'
            cand disable 'Disable a user: no more logins, current sessions end'
            cand enable 'Enable a disabled user'
            cand delete 'Delete a user. Asks for confirmation unless --yes'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'geniai;user;help;create'= {
        }
        &'geniai;user;help;list'= {
        }
        &'geniai;user;help;passwd'= {
        }
        &'geniai;user;help;disable'= {
        }
        &'geniai;user;help;enable'= {
        }
        &'geniai;user;help;delete'= {
        }
        &'geniai;user;help;help'= {
        }
        &'geniai;inbox'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand map 'Give inboxes to a tenant. An inbox another tenant owns is refused unless --move, which also moves its analytics data. Ids the source does not have are mapped with a warning'
            cand unmap 'Take an inbox away from its tenant and delete its analytics data (the ETL can copy it again after a new mapping)'
            cand list 'List mapped inboxes, or with --unmapped the source''s inboxes that no tenant owns'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'geniai;inbox;map'= {
            cand --tenant 'The tenant that gets the inboxes'
            cand --inbox 'A Chatwoot inbox id (repeatable)'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand --move 'Move inboxes that another tenant owns, with their analytics rows'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;inbox;unmap'= {
            cand --inbox 'The Chatwoot inbox id'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -y 'Do not ask on a terminal before deleting the inbox''s analytics rows'
            cand --yes 'Do not ask on a terminal before deleting the inbox''s analytics rows'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;inbox;list'= {
            cand --tenant 'Only this tenant''s inboxes'
            cand --format 'Output format'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand --unmapped 'List the Chatwoot source''s inboxes that no tenant owns (needs --source-url)'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;inbox;help'= {
            cand map 'Give inboxes to a tenant. An inbox another tenant owns is refused unless --move, which also moves its analytics data. Ids the source does not have are mapped with a warning'
            cand unmap 'Take an inbox away from its tenant and delete its analytics data (the ETL can copy it again after a new mapping)'
            cand list 'List mapped inboxes, or with --unmapped the source''s inboxes that no tenant owns'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'geniai;inbox;help;map'= {
        }
        &'geniai;inbox;help;unmap'= {
        }
        &'geniai;inbox;help;list'= {
        }
        &'geniai;inbox;help;help'= {
        }
        &'geniai;secret'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand set 'Set a secret. The value is asked for (hidden) on a terminal, or read from stdin with --value-stdin. The secret `source_url` is the tenant''s own Chatwoot database for the ETL'
            cand list 'List a tenant''s secrets: names, key fingerprints and dates, never values'
            cand get 'Print a secret''s value on stdout (recorded in the audit log)'
            cand delete 'Delete a secret'
            cand rotate-key 'Re-encrypt every secret of every tenant under a new master key, in one transaction. The new key comes from --new-key-file or GENIAI_NEW_MASTER_KEY; the current key as usual'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'geniai;secret;set'= {
            cand --tenant 'The tenant'
            cand --master-key-file 'Read the master key from this file (wins over GENIAI_MASTER_KEY and GENIAI_MASTER_KEY_FILE)'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand --value-stdin 'Read the value from stdin (one trailing newline is dropped)'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;secret;list'= {
            cand --tenant 'The tenant'
            cand --format 'Output format'
            cand --master-key-file 'Read the master key from this file (wins over GENIAI_MASTER_KEY and GENIAI_MASTER_KEY_FILE)'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand --hints 'Add a masked hint of each value (its last four characters); needs the master key'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;secret;get'= {
            cand --tenant 'The tenant'
            cand --master-key-file 'Read the master key from this file (wins over GENIAI_MASTER_KEY and GENIAI_MASTER_KEY_FILE)'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;secret;delete'= {
            cand --tenant 'The tenant'
            cand --master-key-file 'Read the master key from this file (wins over GENIAI_MASTER_KEY and GENIAI_MASTER_KEY_FILE)'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;secret;rotate-key'= {
            cand --new-key-file 'File holding the new master key (make one with `geniai keygen -o FILE`). Without it, the new key is read from GENIAI_NEW_MASTER_KEY'
            cand --master-key-file 'Read the master key from this file (wins over GENIAI_MASTER_KEY and GENIAI_MASTER_KEY_FILE)'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -y 'Do not ask on a terminal before re-encrypting'
            cand --yes 'Do not ask on a terminal before re-encrypting'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;secret;help'= {
            cand set 'Set a secret. The value is asked for (hidden) on a terminal, or read from stdin with --value-stdin. The secret `source_url` is the tenant''s own Chatwoot database for the ETL'
            cand list 'List a tenant''s secrets: names, key fingerprints and dates, never values'
            cand get 'Print a secret''s value on stdout (recorded in the audit log)'
            cand delete 'Delete a secret'
            cand rotate-key 'Re-encrypt every secret of every tenant under a new master key, in one transaction. The new key comes from --new-key-file or GENIAI_NEW_MASTER_KEY; the current key as usual'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'geniai;secret;help;set'= {
        }
        &'geniai;secret;help;list'= {
        }
        &'geniai;secret;help;get'= {
        }
        &'geniai;secret;help;delete'= {
        }
        &'geniai;secret;help;rotate-key'= {
        }
        &'geniai;secret;help;help'= {
        }
        &'geniai;keygen'= {
            cand -o 'Write the key to this new file (mode 600) instead of stdout; an existing file is never overwritten'
            cand --output 'Write the key to this new file (mode 600) instead of stdout; an existing file is never overwritten'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;etl'= {
            cand --tenant 'This tenant (slug); repeat for several'
            cand -j 'Tenants processed in parallel'
            cand --jobs 'Tenants processed in parallel'
            cand --trigger 'What started the run, recorded in the runs table [default: cron when neither stdin nor stderr is a terminal, else cli]'
            cand --overlap 'Seconds re-read before the watermark on each incremental run, so that transactions that commit out of timestamp order are not missed'
            cand --batch-size 'Rows per incremental batch'
            cand --interval 'With --watch: from the start of one cycle to the start of the next (e.g. 30s, 2m)'
            cand --max-backoff 'With --watch: the longest wait after failed cycles, which back off exponentially'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand --all-tenants 'Every active tenant (suspended and cancelled ones are skipped with a note)'
            cand --full 'Ignore the watermarks and reload everything for these tenants (in one transaction each)'
            cand --dry-run 'Extract and count the rows a run would read; write nothing'
            cand --reconcile 'Also remove conversations deleted in Chatwoot (reads every conversation id of the tenant)'
            cand --watch 'Keep running: an incremental run every --interval until SIGTERM or Ctrl-C. Runs are recorded with trigger `watch`; failures back off (see --max-backoff)'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand status 'Per tenant: the last run (start, duration, result, rows), the watermark and the lag'
            cand prune 'Delete run rows older than an age, keeping each tenant''s latest run and latest run that changed something (what `etl status` shows). Audited'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'geniai;etl;status'= {
            cand --format 'Output format'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;etl;prune'= {
            cand --older-than 'Delete runs that started longer ago than this (e.g. 30d, 12h)'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;etl;help'= {
            cand status 'Per tenant: the last run (start, duration, result, rows), the watermark and the lag'
            cand prune 'Delete run rows older than an age, keeping each tenant''s latest run and latest run that changed something (what `etl status` shows). Audited'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'geniai;etl;help;status'= {
        }
        &'geniai;etl;help;prune'= {
        }
        &'geniai;etl;help;help'= {
        }
        &'geniai;report'= {
            cand --tenant 'The tenant (slug). Required for every report but `overview`'
            cand --from 'Start of the period, inclusive (YYYY-MM-DD or RFC 3339)'
            cand --to 'End of the period, exclusive (YYYY-MM-DD or RFC 3339)'
            cand --tz 'Timezone for day boundaries and buckets [default: the tenant''s; UTC for overview]'
            cand --bucket 'Bucket size for `daily`: an hour, day, week or month of the timezone (an hour''s key is `YYYY-MM-DDTHH:00`)'
            cand --format 'Output format'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand --business-hours 'Use durations within the inboxes'' business hours (Chatwoot''s value_in_business_hours)'
            cand --fine 'For `frt-distribution`: the fine buckets 0-5m, 5-15m, 15-30m, 30m-1h, 1-4h, 4-8h, 8-24h, 24h+ instead of the standard five'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;serve'= {
            cand --bind 'Address and port to listen on'
            cand --session-ttl 'A session ends this long after login, however active (e.g. 24h, 90m, 7d)'
            cand --report-cache-ttl 'Reuse report figures for identical requests for this long (0 turns it off). Live counts (open, unattended) may lag by as much; the ETL itself runs every few minutes'
            cand --idle-timeout 'A session ends after this long without a request'
            cand --interval 'With --sync: from the start of one ETL cycle to the start of the next'
            cand --metrics-token 'Require `Authorization: Bearer TOKEN` on /metrics (401 otherwise), for deployments that cannot keep it private at the proxy. At least 16 characters. Set it through the environment or --metrics-token-file: a value on the command line is visible to every local user'
            cand --metrics-token-file 'Read the /metrics bearer token from this file (surrounding whitespace ignored)'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand --secure-cookies 'Mark cookies Secure (sent over HTTPS only). Use it whenever TLS fronts geniai'
            cand --behind-proxy 'Behind a reverse proxy: take the client''s IP (for login throttling) from the last X-Forwarded-For entry, which the proxy appends. Only set it when a proxy always sets it'
            cand --sync 'Also keep the analytics database in sync, as `geniai etl --all-tenants --watch` would, inside this process (small installations). Safe beside other syncing processes: a tenant being processed elsewhere is skipped'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;token'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a token for a tenant and print it (once: store it now)'
            cand list 'List tokens (never their values)'
            cand revoke 'Revoke a token by its id (see `token list`); it stops working at once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'geniai;token;create'= {
            cand --tenant 'The tenant whose reports the token may read'
            cand --name 'A label saying who or what uses the token'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;token;list'= {
            cand --tenant 'Only this tenant''s tokens'
            cand --format 'Output format'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;token;revoke'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;token;help'= {
            cand create 'Create a token for a tenant and print it (once: store it now)'
            cand list 'List tokens (never their values)'
            cand revoke 'Revoke a token by its id (see `token list`); it stops working at once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'geniai;token;help;create'= {
        }
        &'geniai;token;help;list'= {
        }
        &'geniai;token;help;revoke'= {
        }
        &'geniai;token;help;help'= {
        }
        &'geniai;audit'= {
            cand --tenant 'Only entries about this tenant (also works for a deleted tenant)'
            cand --since 'Only entries at or after this date (YYYY-MM-DD, UTC), RFC 3339 timestamp, or this long ago (`90m`, `24h`, `7d`, `2w`)'
            cand --limit 'At most this many entries, the newest'
            cand --format 'Output format'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;doctor'= {
            cand --max-lag-hours 'Warn when a tenant''s ETL lag (now minus its oldest watermark) exceeds this many hours'
            cand --format 'Output format'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;completions'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;dev'= {
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand seed-source 'Fill an empty database with deterministic Chatwoot-compatible data'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'geniai;dev;seed-source'= {
            cand --url 'The database to fill (PostgreSQL URL). It must hold no Chatwoot data yet'
            cand --conversations 'How many conversations to generate (about ten messages each)'
            cand --seed 'Seed of the pseudo-random values'
            cand --database-url 'The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME'
            cand --source-url 'The shared Chatwoot database, only ever read'
            cand --home 'Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root]'
            cand --actor 'Who is acting, recorded in the audit log beside the OS user'
            cand --config 'Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml, /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it'
            cand --log-format 'Log line format on stderr'
            cand -v 'More log output (-v debug, -vv trace)'
            cand --verbose 'More log output (-v debug, -vv trace)'
            cand -q 'Less log output (-q warnings only, -qq errors only)'
            cand --quiet 'Less log output (-q warnings only, -qq errors only)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'geniai;dev;help'= {
            cand seed-source 'Fill an empty database with deterministic Chatwoot-compatible data'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'geniai;dev;help;seed-source'= {
        }
        &'geniai;dev;help;help'= {
        }
        &'geniai;help'= {
            cand demo 'Try everything on generated data: a Chatwoot, four clients (one in Portuguese), ETL, reports, the dashboard'
            cand migrate 'Apply pending schema migrations and create the database roles geniai needs'
            cand db 'Manage the embedded PostgreSQL cluster (start, stop, status, url)'
            cand tenant 'Manage tenants (clients): onboarding, plan, status, settings, deletion'
            cand user 'Manage users: a tenant''s staff, or platform admins'
            cand inbox 'Manage which tenant owns which Chatwoot inbox'
            cand secret 'Manage a tenant''s encrypted secrets, and rotate the master key'
            cand keygen 'Print a new random master key for the tenant secrets (base64 of 32 bytes)'
            cand etl 'Copy Chatwoot data into the analytics database, incrementally (what cron runs hourly)'
            cand report 'Print a tenant''s KPI report, or the cross-client overview'
            cand serve 'Serve the web dashboard and the JSON API'
            cand token 'Manage per-tenant API tokens for the JSON API (create, list, revoke)'
            cand audit 'Show the audit log: who changed what, when, newest first'
            cand doctor 'Check the installation and print each finding with its fix (exit 1 if any check fails)'
            cand completions 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
            cand dev 'Developer tools (source generator)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'geniai;help;demo'= {
        }
        &'geniai;help;migrate'= {
        }
        &'geniai;help;db'= {
            cand start 'Create (on first use) and start the embedded server'
            cand stop 'Stop the embedded server'
            cand status 'Say whether the embedded server exists and runs'
            cand url 'Print the connection URL, for psql and other tools (starts the server if needed)'
        }
        &'geniai;help;db;start'= {
        }
        &'geniai;help;db;stop'= {
        }
        &'geniai;help;db;status'= {
        }
        &'geniai;help;db;url'= {
        }
        &'geniai;help;tenant'= {
            cand create 'Onboard a tenant. On a terminal, missing flags are asked for interactively (name, slug, plan, timezone, inboxes from the unmapped list, first user); without one they are errors'
            cand list 'List every tenant'
            cand show 'Show one tenant'
            cand update 'Change a tenant''s name, plan or timezone'
            cand suspend 'Suspend a tenant: its users cannot log in and the ETL skips it'
            cand activate 'Re-activate a suspended tenant'
            cand delete 'Delete a tenant with all its analytics data, inbox mappings, users, settings and secrets (the audit trail stays). Asks for confirmation unless --yes'
            cand settings 'Print a tenant''s settings, or change them when options are given'
        }
        &'geniai;help;tenant;create'= {
        }
        &'geniai;help;tenant;list'= {
        }
        &'geniai;help;tenant;show'= {
        }
        &'geniai;help;tenant;update'= {
        }
        &'geniai;help;tenant;suspend'= {
        }
        &'geniai;help;tenant;activate'= {
        }
        &'geniai;help;tenant;delete'= {
        }
        &'geniai;help;tenant;settings'= {
        }
        &'geniai;help;user'= {
            cand create 'Create a user of a tenant (--tenant) or a platform admin (--platform-admin). The password is asked for on the terminal, or read from stdin with --password-stdin'
            cand list 'List users, of one tenant or all'
            cand passwd 'Set a user''s password (ends the user''s sessions)'
            cand disable 'Disable a user: no more logins, current sessions end'
            cand enable 'Enable a disabled user'
            cand delete 'Delete a user. Asks for confirmation unless --yes'
        }
        &'geniai;help;user;create'= {
        }
        &'geniai;help;user;list'= {
        }
        &'geniai;help;user;passwd'= {
        }
        &'geniai;help;user;disable'= {
        }
        &'geniai;help;user;enable'= {
        }
        &'geniai;help;user;delete'= {
        }
        &'geniai;help;inbox'= {
            cand map 'Give inboxes to a tenant. An inbox another tenant owns is refused unless --move, which also moves its analytics data. Ids the source does not have are mapped with a warning'
            cand unmap 'Take an inbox away from its tenant and delete its analytics data (the ETL can copy it again after a new mapping)'
            cand list 'List mapped inboxes, or with --unmapped the source''s inboxes that no tenant owns'
        }
        &'geniai;help;inbox;map'= {
        }
        &'geniai;help;inbox;unmap'= {
        }
        &'geniai;help;inbox;list'= {
        }
        &'geniai;help;secret'= {
            cand set 'Set a secret. The value is asked for (hidden) on a terminal, or read from stdin with --value-stdin. The secret `source_url` is the tenant''s own Chatwoot database for the ETL'
            cand list 'List a tenant''s secrets: names, key fingerprints and dates, never values'
            cand get 'Print a secret''s value on stdout (recorded in the audit log)'
            cand delete 'Delete a secret'
            cand rotate-key 'Re-encrypt every secret of every tenant under a new master key, in one transaction. The new key comes from --new-key-file or GENIAI_NEW_MASTER_KEY; the current key as usual'
        }
        &'geniai;help;secret;set'= {
        }
        &'geniai;help;secret;list'= {
        }
        &'geniai;help;secret;get'= {
        }
        &'geniai;help;secret;delete'= {
        }
        &'geniai;help;secret;rotate-key'= {
        }
        &'geniai;help;keygen'= {
        }
        &'geniai;help;etl'= {
            cand status 'Per tenant: the last run (start, duration, result, rows), the watermark and the lag'
            cand prune 'Delete run rows older than an age, keeping each tenant''s latest run and latest run that changed something (what `etl status` shows). Audited'
        }
        &'geniai;help;etl;status'= {
        }
        &'geniai;help;etl;prune'= {
        }
        &'geniai;help;report'= {
        }
        &'geniai;help;serve'= {
        }
        &'geniai;help;token'= {
            cand create 'Create a token for a tenant and print it (once: store it now)'
            cand list 'List tokens (never their values)'
            cand revoke 'Revoke a token by its id (see `token list`); it stops working at once'
        }
        &'geniai;help;token;create'= {
        }
        &'geniai;help;token;list'= {
        }
        &'geniai;help;token;revoke'= {
        }
        &'geniai;help;audit'= {
        }
        &'geniai;help;doctor'= {
        }
        &'geniai;help;completions'= {
        }
        &'geniai;help;dev'= {
            cand seed-source 'Fill an empty database with deterministic Chatwoot-compatible data'
        }
        &'geniai;help;dev;seed-source'= {
        }
        &'geniai;help;help'= {
        }
    ]
    $completions[$command]
}
