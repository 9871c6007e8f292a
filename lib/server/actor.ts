/** Who the portal records as the actor until sign-in exists (the sign-in issue replaces this). */
export const PORTAL_ACTOR = "Portal user";
