/** An organization as the pickers of other features need it; the app passes these in. */
export interface OrganizationOption {
  id: string;
  name: string;
}
