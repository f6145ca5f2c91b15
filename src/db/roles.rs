//! The database roles geniai runs tenant and platform work under, created by `geniai migrate`.

use anyhow::{Context, Result};
use sqlx::PgConnection;

/// Owns nothing, cannot bypass RLS: every tenant transaction switches to it.
pub const TENANT_ROLE: &str = "geniai_tenant";
/// The explicit cross-tenant role, used by administration, ETL routing and login.
pub const PLATFORM_ROLE: &str = "geniai_platform";

/// Creates the roles if missing, repairs their attributes, and lets the migrating account use them.
///
/// Roles are cluster-wide, so two databases of one server share them; creation tolerates a
/// concurrent creator. With `login` (on Citus, whose coordinator connects to the workers as the
/// role a transaction switched to) the roles may log in; they still have no password, so only
/// the cluster's own authentication (`pg_hba.conf`, certificates) lets anyone in as them.
pub async fn ensure(conn: &mut PgConnection, login: bool) -> Result<()> {
    let login_attr = if login { "LOGIN" } else { "NOLOGIN" };
    for role in [TENANT_ROLE, PLATFORM_ROLE] {
        let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)")
            .bind(role)
            .fetch_one(&mut *conn)
            .await?;
        if !exists {
            let create = format!(
                "CREATE ROLE {role} {login_attr} NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT"
            );
            if let Err(err) = sqlx::raw_sql(sqlx::AssertSqlSafe(create)).execute(&mut *conn).await {
                let raced = err
                    .as_database_error()
                    .and_then(|e| e.code())
                    .is_some_and(|c| c == "42710" || c == "23505");
                if !raced {
                    return Err(err).with_context(|| {
                        format!("creating the role {role} (the migrating account needs CREATEROLE)")
                    });
                }
            }
        } else {
            // A role someone widened by hand is put back, so RLS keeps holding. Only when needed:
            // two sessions altering one role at once (two databases of one server migrating
            // together) make one fail with "tuple concurrently updated".
            let (widened, can_login): (bool, bool) = sqlx::query_as(
                "SELECT rolsuper OR rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1",
            )
            .bind(role)
            .fetch_one(&mut *conn)
            .await?;
            if widened || (login && !can_login) {
                let repair =
                    format!("ALTER ROLE {role} NOSUPERUSER NOBYPASSRLS{}", if login { " LOGIN" } else { "" });
                sqlx::raw_sql(sqlx::AssertSqlSafe(repair))
                    .execute(&mut *conn)
                    .await
                    .with_context(|| format!("resetting the attributes of {role}"))?;
            }
        }
        // The account that migrates must be able to `SET LOCAL ROLE` to the role.
        if !is_member(conn, role).await? {
            let granted = sqlx::raw_sql(sqlx::AssertSqlSafe(format!("GRANT {role} TO CURRENT_USER")))
                .execute(&mut *conn)
                .await;
            // A concurrent migration may have granted it first; that is as good.
            if let Err(err) = granted
                && !is_member(conn, role).await?
            {
                return Err(err).with_context(|| format!("granting {role} to the migrating account"));
            }
        }
    }
    Ok(())
}

async fn is_member(conn: &mut PgConnection, role: &str) -> Result<bool> {
    Ok(sqlx::query_scalar("SELECT pg_has_role(current_user, $1, 'MEMBER')")
        .bind(role)
        .fetch_one(conn)
        .await?)
}
