export declare const API_CONTENT_SECURITY_POLICY: string;
export declare const PERMISSIONS_POLICY: string;
