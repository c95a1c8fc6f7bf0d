import type { Db, Role } from "@repo/db";

export interface DirectoryUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  openPositions: number;
  activeLimits: number;
}

export interface DirectoryTenant {
  id: string;
  slug: string;
  name: string;
  users: DirectoryUser[];
}

/** Each firm with its active users (admins first), with counts of open positions and limits. */
export async function listTenantDirectory(db: Db): Promise<DirectoryTenant[]> {
  const tenants = await db.tenant.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      users: {
        where: { active: true },
        orderBy: [{ role: "desc" }, { name: "asc" }],
        select: {
          id: true,
          name: true,
          email: true,
          role: true,
          _count: {
            select: {
              positions: { where: { closedAt: null } },
              limits: { where: { active: true } },
            },
          },
        },
      },
    },
  });
  return tenants.map(({ users, ...tenant }) => ({
    ...tenant,
    users: users.map(({ _count, ...user }) => ({
      ...user,
      openPositions: _count.positions,
      activeLimits: _count.limits,
    })),
  }));
}
