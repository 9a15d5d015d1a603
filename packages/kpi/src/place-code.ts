/** A nation (ISO 3166-1 alpha-2) or region (ISO 3166-2) code, as rows and filters give it. */
export const PLACE_CODE = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;
