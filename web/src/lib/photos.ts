// Photo checks before upload (the server refuses other types and sizes too).
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp']
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024

/** null when the file can be sent, else the i18n key of the problem. */
export function checkPhoto(file: { type: string; size: number }): string | null {
  if (!PHOTO_TYPES.includes(file.type)) return 'case.photoType'
  if (file.size > PHOTO_MAX_BYTES) return 'case.photoSize'
  if (file.size === 0) return 'case.photoEmpty'
  return null
}
