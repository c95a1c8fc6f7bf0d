import { type DirectoryTenant, listTenantDirectory } from "@repo/api";
import { getDb } from "~/server/db.ts";

export const dynamic = "force-dynamic";

async function loadDirectory(): Promise<{ tenants: DirectoryTenant[] } | { error: string }> {
  try {
    return { tenants: await listTenantDirectory(getDb()) };
  } catch (error) {
    console.error("start page: could not read the directory", error);
    return { error: "The database is not answering. Check /api/health for the reason." };
  }
}

export default async function HomePage() {
  const directory = await loadDirectory();
  return (
    <main>
      <h1>Risk Dashboard</h1>
      <p className="lead">
        The firms on this server and their people. Live risk dashboards for each trader arrive with
        sign-in; this directory is read from the database as it is now.
      </p>
      {"error" in directory ? (
        <section className="panel error" role="alert">
          {directory.error}
        </section>
      ) : (
        directory.tenants.map((tenant) => <TenantPanel key={tenant.id} tenant={tenant} />)
      )}
    </main>
  );
}

function TenantPanel({ tenant }: { tenant: DirectoryTenant }) {
  return (
    <section className="panel" aria-labelledby={`tenant-${tenant.slug}`}>
      <h2 id={`tenant-${tenant.slug}`}>{tenant.name}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col" className="number">
              Open positions
            </th>
            <th scope="col" className="number">
              Active limits
            </th>
          </tr>
        </thead>
        <tbody>
          {tenant.users.map((user) => (
            <tr key={user.id}>
              <td>{user.name}</td>
              <td>{user.email}</td>
              <td>
                <span className="role">{user.role === "ADMIN" ? "Admin" : "Trader"}</span>
              </td>
              <td className="number">{user.openPositions}</td>
              <td className="number">{user.activeLimits}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
