import { describe, expect, it } from "vitest";
import { ZNewPassword } from "../../validators/index.ts";
import { temporaryPassword } from "./temporary-password.ts";

describe("temporaryPassword", () => {
  it("is a password the person could have chosen, in groups without look-alike characters", () => {
    const password = temporaryPassword();
    expect(ZNewPassword.safeParse(password).success).toBe(true);
    expect(password).toMatch(/^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/);
    expect(password).not.toMatch(/[01lIoO]/);
  });

  it("is a new one each time", () => {
    expect(new Set(Array.from({ length: 50 }, temporaryPassword)).size).toBe(50);
  });
});
