// Calendar days ("2026-11-28") as react-day-picker handles them with timeZone="UTC": noon UTC of
// the day going in, the day of the UTC date coming out; the same day in every zone.

export const dateOfDay = (day: string) => new Date(`${day}T12:00:00Z`);

export const dayOfDate = (date: Date | undefined) => date?.toISOString().slice(0, 10) ?? "";
