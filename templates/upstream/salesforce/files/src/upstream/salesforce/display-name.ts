/** How errors and logs name this upstream. */
export const SALESFORCE = 'Salesforce';
