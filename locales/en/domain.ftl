# geniai: what the domain's errors say on the web (forms, URL parameters, the API), by the message
# id each error carries (src/error.rs, `MessageId`). The command line keeps its own English words.
# Never name a command-line flag here: a web user has none.

domain-invalid-slug = invalid slug “{ $value }”: use 2 to 63 lower-case letters, digits and “-”, starting with a letter or digit
domain-name-blank = the name must not be blank
domain-name-too-long = the name is longer than { $max } characters
domain-invalid-colour = invalid colour “{ $value }”: write it as #RRGGBB, for example #1F6FEB
domain-invalid-email = invalid email address “{ $value }”
domain-invalid-inbox-id = invalid inbox id “{ $value }”: inbox ids are positive integers
domain-invalid-url = invalid address “{ $value }”: give an http:// or https:// address
domain-invalid-label = invalid label “{ $value }”: labels are not blank and have no commas
domain-unknown-choice = unknown value “{ $value }”: choose one of { $choices }
domain-password-too-short = the password must be at least { $min } characters long
domain-password-blank = the password must not be blank
domain-unknown-tenant = unknown tenant “{ $value }”
domain-nothing-to-update = nothing to change
domain-tenant-busy = a data load is running for tenant “{ $value }” right now: try again once it has finished
domain-unknown-user = unknown user “{ $value }”
domain-secret-value-empty = the value of { $name } is empty
domain-secret-source-url = the source database must be a PostgreSQL connection URL (postgresql://user:password@host/db)
domain-master-key-mismatch = the secrets are sealed with master key { $key }, but the server's master key is { $configured }: the server must be configured with the key that sealed them
