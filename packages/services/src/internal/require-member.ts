import { AppError, isAppError } from "@mutual/core";
import { getUser, type User, type UserRole } from "@mutual/db";
import type { Db } from "@mutual/db";

/** Who may do what: admins everything, partner managers partners and populations, reps only read. */
export const MANAGERS: readonly UserRole[] = ["admin", "partner_manager"];
export const ADMINS: readonly UserRole[] = ["admin"];

/**
 * The acting user, checked: an unknown user is `unauthorized`, a user of another org than `orgId`
 * (when given) or without one of `roles` is `forbidden`.
 */
export async function requireMember(
  db: Db,
  userId: string,
  options: { orgId?: string; roles?: readonly UserRole[] } = {},
): Promise<User> {
  let user: User;
  try {
    user = await getUser(db, userId);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") throw new AppError("unauthorized", `unknown user ${userId}`);
    throw error;
  }
  if (options.orgId !== undefined && user.orgId !== options.orgId) {
    throw new AppError("forbidden", `user ${userId} is not a member of organization ${options.orgId}`);
  }
  if (options.roles && !options.roles.includes(user.role)) {
    throw new AppError("forbidden", `this needs the role ${options.roles.join(" or ")}; user ${userId} is ${user.role}`);
  }
  return user;
}
