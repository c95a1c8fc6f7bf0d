import type { ReactNode } from "react";
import "./admin.css";

/** The admin screens share the app's shell (added per page, which knows its path) and admin.css. */
export default function AdminLayout({ children }: { children: ReactNode }) {
  return children;
}
