export {
  type DirectoryTenant,
  type DirectoryUser,
  listTenantDirectory,
} from "./services/directory/list-tenant-directory.ts";
