export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  public: {
    Tables: {
      api_keys: {
        Row: {
          created_at: string
          created_by: string | null
          hash: string
          id: string
          last_used_at: string | null
          name: string
          prefix: string
          revoked_at: string | null
          scopes: string[]
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          hash: string
          id?: string
          last_used_at?: string | null
          name: string
          prefix: string
          revoked_at?: string | null
          scopes?: string[]
        }
        Update: {
          created_at?: string
          created_by?: string | null
          hash?: string
          id?: string
          last_used_at?: string | null
          name?: string
          prefix?: string
          revoked_at?: string | null
          scopes?: string[]
        }
        Relationships: [
          {
            foreignKeyName: "api_keys_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      assistant_changes: {
        Row: {
          action: string
          assistant_id: string
          changed_at: string
          changed_by: string | null
          changes: NonNullable<Json>
          id: number
        }
        Insert: {
          action: string
          assistant_id: string
          changed_at?: string
          changed_by?: string | null
          changes?: NonNullable<Json>
          id?: never
        }
        Update: {
          action?: string
          assistant_id?: string
          changed_at?: string
          changed_by?: string | null
          changes?: NonNullable<Json>
          id?: never
        }
        Relationships: [
          {
            foreignKeyName: "assistant_changes_assistant_id_fkey"
            columns: ["assistant_id"]
            isOneToOne: false
            referencedRelation: "assistants"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "assistant_changes_changed_by_fkey"
            columns: ["changed_by"]
            isOneToOne: false
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      assistants: {
        Row: {
          allowed_users: string[]
          archived_at: string | null
          created_at: string
          description: string
          id: string
          instructions: string
          is_default: boolean
          max_output_tokens: number | null
          model: string
          name: string
          slug: string
          starter_prompts: string[]
          temperature: number | null
          updated_at: string
          visibility: string
        }
        Insert: {
          allowed_users?: string[]
          archived_at?: string | null
          created_at?: string
          description?: string
          id?: string
          instructions?: string
          is_default?: boolean
          max_output_tokens?: number | null
          model: string
          name: string
          slug: string
          starter_prompts?: string[]
          temperature?: number | null
          updated_at?: string
          visibility?: string
        }
        Update: {
          allowed_users?: string[]
          archived_at?: string | null
          created_at?: string
          description?: string
          id?: string
          instructions?: string
          is_default?: boolean
          max_output_tokens?: number | null
          model?: string
          name?: string
          slug?: string
          starter_prompts?: string[]
          temperature?: number | null
          updated_at?: string
          visibility?: string
        }
        Relationships: []
      }
      attachment_limits: {
        Row: {
          id: boolean
          max_file_bytes: number
          max_files_per_message: number
          quota_bytes_per_user: number
          updated_at: string
        }
        Insert: {
          id?: boolean
          max_file_bytes?: number
          max_files_per_message?: number
          quota_bytes_per_user?: number
          updated_at?: string
        }
        Update: {
          id?: boolean
          max_file_bytes?: number
          max_files_per_message?: number
          quota_bytes_per_user?: number
          updated_at?: string
        }
        Relationships: []
      }
      attachments: {
        Row: {
          chat_id: string | null
          created_at: string
          id: string
          message_id: string | null
          mime_type: string | null
          name: string
          size_bytes: number
          status: string
          storage_key: string
          user_id: string
        }
        Insert: {
          chat_id?: string | null
          created_at?: string
          id?: string
          message_id?: string | null
          mime_type?: string | null
          name: string
          size_bytes: number
          status?: string
          storage_key: string
          user_id: string
        }
        Update: {
          chat_id?: string | null
          created_at?: string
          id?: string
          message_id?: string | null
          mime_type?: string | null
          name?: string
          size_bytes?: number
          status?: string
          storage_key?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "attachments_chat_id_user_id_fkey"
            columns: ["chat_id", "user_id"]
            isOneToOne: false
            referencedRelation: "chats"
            referencedColumns: ["id", "user_id"]
          },
          {
            foreignKeyName: "attachments_message_id_fkey"
            columns: ["message_id"]
            isOneToOne: false
            referencedRelation: "messages"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "attachments_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      budget_settings: {
        Row: {
          default_monthly_tokens: number | null
          id: boolean
          updated_at: string
          updated_by: string | null
        }
        Insert: {
          default_monthly_tokens?: number | null
          id?: boolean
          updated_at?: string
          updated_by?: string | null
        }
        Update: {
          default_monthly_tokens?: number | null
          id?: boolean
          updated_at?: string
          updated_by?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "budget_settings_updated_by_fkey"
            columns: ["updated_by"]
            isOneToOne: false
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      chat_imports: {
        Row: {
          chat_id: string | null
          imported_at: string
          source_key: string
          user_id: string
        }
        Insert: {
          chat_id?: string | null
          imported_at?: string
          source_key: string
          user_id: string
        }
        Update: {
          chat_id?: string | null
          imported_at?: string
          source_key?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "chat_imports_chat_id_fkey"
            columns: ["chat_id"]
            isOneToOne: false
            referencedRelation: "chats"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "chat_imports_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      chats: {
        Row: {
          active_leaf_id: string | null
          archived_at: string | null
          assistant_id: string
          created_at: string
          id: string
          last_activity_at: string
          openai_conversation_id: string | null
          personal_instructions: boolean
          pinned_at: string | null
          source: string
          title: string
          title_source: string
          updated_at: string
          user_id: string
        }
        Insert: {
          active_leaf_id?: string | null
          archived_at?: string | null
          assistant_id: string
          created_at?: string
          id?: string
          last_activity_at?: string
          openai_conversation_id?: string | null
          personal_instructions?: boolean
          pinned_at?: string | null
          source?: string
          title: string
          title_source?: string
          updated_at?: string
          user_id: string
        }
        Update: {
          active_leaf_id?: string | null
          archived_at?: string | null
          assistant_id?: string
          created_at?: string
          id?: string
          last_activity_at?: string
          openai_conversation_id?: string | null
          personal_instructions?: boolean
          pinned_at?: string | null
          source?: string
          title?: string
          title_source?: string
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "chats_active_leaf_fk"
            columns: ["active_leaf_id", "id"]
            isOneToOne: false
            referencedRelation: "messages"
            referencedColumns: ["id", "chat_id"]
          },
          {
            foreignKeyName: "chats_assistant_id_fkey"
            columns: ["assistant_id"]
            isOneToOne: false
            referencedRelation: "assistants"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "chats_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      idempotency_keys: {
        Row: {
          api_key_id: string
          created_at: string
          expires_at: string
          key: string
          request_hash: string
          response_body: Json | null
          response_status: number | null
        }
        Insert: {
          api_key_id: string
          created_at?: string
          expires_at?: string
          key: string
          request_hash: string
          response_body?: Json | null
          response_status?: number | null
        }
        Update: {
          api_key_id?: string
          created_at?: string
          expires_at?: string
          key?: string
          request_hash?: string
          response_body?: Json | null
          response_status?: number | null
        }
        Relationships: [
          {
            foreignKeyName: "idempotency_keys_api_key_id_fkey"
            columns: ["api_key_id"]
            isOneToOne: false
            referencedRelation: "api_keys"
            referencedColumns: ["id"]
          },
        ]
      }
      message_feedback: {
        Row: {
          created_at: string
          message_id: string
          rating: number
          updated_at: string
          user_id: string
        }
        Insert: {
          created_at?: string
          message_id: string
          rating: number
          updated_at?: string
          user_id: string
        }
        Update: {
          created_at?: string
          message_id?: string
          rating?: number
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "message_feedback_message_id_fkey"
            columns: ["message_id"]
            isOneToOne: false
            referencedRelation: "messages"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "message_feedback_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      messages: {
        Row: {
          assistant_id: string | null
          chat_id: string
          completed_at: string | null
          content: string
          created_at: string
          error_code: string | null
          error_message: string | null
          id: string
          model: string | null
          openai_response_id: string | null
          parent_id: string | null
          role: string
          status: string
          updated_at: string
          usage: Json | null
          user_id: string
        }
        Insert: {
          assistant_id?: string | null
          chat_id: string
          completed_at?: string | null
          content?: string
          created_at?: string
          error_code?: string | null
          error_message?: string | null
          id?: string
          model?: string | null
          openai_response_id?: string | null
          parent_id?: string | null
          role: string
          status?: string
          updated_at?: string
          usage?: Json | null
          user_id: string
        }
        Update: {
          assistant_id?: string | null
          chat_id?: string
          completed_at?: string | null
          content?: string
          created_at?: string
          error_code?: string | null
          error_message?: string | null
          id?: string
          model?: string | null
          openai_response_id?: string | null
          parent_id?: string | null
          role?: string
          status?: string
          updated_at?: string
          usage?: Json | null
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "messages_assistant_id_fkey"
            columns: ["assistant_id"]
            isOneToOne: false
            referencedRelation: "assistants"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "messages_chat_id_user_id_fkey"
            columns: ["chat_id", "user_id"]
            isOneToOne: false
            referencedRelation: "chats"
            referencedColumns: ["id", "user_id"]
          },
          {
            foreignKeyName: "messages_parent_fk"
            columns: ["parent_id", "chat_id"]
            isOneToOne: false
            referencedRelation: "messages"
            referencedColumns: ["id", "chat_id"]
          },
        ]
      }
      personal_instructions: {
        Row: {
          about_me: string
          enabled: boolean
          how_to_answer: string
          updated_at: string
          user_id: string
        }
        Insert: {
          about_me?: string
          enabled?: boolean
          how_to_answer?: string
          updated_at?: string
          user_id: string
        }
        Update: {
          about_me?: string
          enabled?: boolean
          how_to_answer?: string
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "personal_instructions_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: true
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      rate_limits: {
        Row: {
          expire: number | null
          key: string
          points: number
        }
        Insert: {
          expire?: number | null
          key: string
          points?: number
        }
        Update: {
          expire?: number | null
          key?: string
          points?: number
        }
        Relationships: []
      }
      run_leases: {
        Row: {
          leased_at: string
          message_id: string
          owner_key: number
        }
        Insert: {
          leased_at?: string
          message_id: string
          owner_key: number
        }
        Update: {
          leased_at?: string
          message_id?: string
          owner_key?: number
        }
        Relationships: [
          {
            foreignKeyName: "run_leases_message_id_fkey"
            columns: ["message_id"]
            isOneToOne: true
            referencedRelation: "messages"
            referencedColumns: ["id"]
          },
        ]
      }
      shared_chats: {
        Row: {
          chat_id: string
          created_at: string
          id: string
          message_count: number
          title: string
          user_id: string
        }
        Insert: {
          chat_id: string
          created_at?: string
          id: string
          message_count: number
          title: string
          user_id: string
        }
        Update: {
          chat_id?: string
          created_at?: string
          id?: string
          message_count?: number
          title?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "shared_chats_chat_id_fkey"
            columns: ["chat_id"]
            isOneToOne: false
            referencedRelation: "chats"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "shared_chats_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      shared_messages: {
        Row: {
          assistant_name: string | null
          content: string
          created_at: string
          position: number
          role: string
          share_id: string
        }
        Insert: {
          assistant_name?: string | null
          content: string
          created_at: string
          position: number
          role: string
          share_id: string
        }
        Update: {
          assistant_name?: string | null
          content?: string
          created_at?: string
          position?: number
          role?: string
          share_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "shared_messages_share_id_fkey"
            columns: ["share_id"]
            isOneToOne: false
            referencedRelation: "shared_chats"
            referencedColumns: ["id"]
          },
        ]
      }
      storage_deletions: {
        Row: {
          queued_at: string
          storage_key: string
        }
        Insert: {
          queued_at?: string
          storage_key: string
        }
        Update: {
          queued_at?: string
          storage_key?: string
        }
        Relationships: []
      }
      usage_events: {
        Row: {
          assistant_id: string | null
          chat_id: string | null
          created_at: string
          id: number
          input_tokens: number
          message_id: string | null
          output_tokens: number
          total_tokens: number
          user_id: string
        }
        Insert: {
          assistant_id?: string | null
          chat_id?: string | null
          created_at?: string
          id?: never
          input_tokens?: number
          message_id?: string | null
          output_tokens?: number
          total_tokens?: number
          user_id: string
        }
        Update: {
          assistant_id?: string | null
          chat_id?: string | null
          created_at?: string
          id?: never
          input_tokens?: number
          message_id?: string | null
          output_tokens?: number
          total_tokens?: number
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "usage_events_assistant_id_fkey"
            columns: ["assistant_id"]
            isOneToOne: false
            referencedRelation: "assistants"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "usage_events_chat_id_fkey"
            columns: ["chat_id"]
            isOneToOne: false
            referencedRelation: "chats"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "usage_events_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      user_budgets: {
        Row: {
          monthly_tokens: number | null
          updated_at: string
          updated_by: string | null
          user_id: string
        }
        Insert: {
          monthly_tokens?: number | null
          updated_at?: string
          updated_by?: string | null
          user_id: string
        }
        Update: {
          monthly_tokens?: number | null
          updated_at?: string
          updated_by?: string | null
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "user_budgets_updated_by_fkey"
            columns: ["updated_by"]
            isOneToOne: false
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "user_budgets_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: true
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      users: {
        Row: {
          created_at: string
          email: string
          id: string
          image_url: string | null
          name: string | null
          updated_at: string
        }
        Insert: {
          created_at?: string
          email: string
          id: string
          image_url?: string | null
          name?: string | null
          updated_at?: string
        }
        Update: {
          created_at?: string
          email?: string
          id?: string
          image_url?: string | null
          name?: string | null
          updated_at?: string
        }
        Relationships: []
      }
      webhook_deliveries: {
        Row: {
          event_type: string
          id: string
          received_at: string
          source: string
        }
        Insert: {
          event_type: string
          id: string
          received_at?: string
          source: string
        }
        Update: {
          event_type?: string
          id?: string
          received_at?: string
          source?: string
        }
        Relationships: []
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      begin_exchange: {
        Args: {
          chat_id: string
          content: string
          parent_id: string
          question_id?: string
        }
        Returns: {
          assistant_id: string | null
          chat_id: string
          completed_at: string | null
          content: string
          created_at: string
          error_code: string | null
          error_message: string | null
          id: string
          model: string | null
          openai_response_id: string | null
          parent_id: string | null
          role: string
          status: string
          updated_at: string
          usage: Json | null
          user_id: string
        }[]
        SetofOptions: {
          from: "*"
          to: "messages"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      begin_reply: {
        Args: { question_id: string }
        Returns: {
          assistant_id: string | null
          chat_id: string
          completed_at: string | null
          content: string
          created_at: string
          error_code: string | null
          error_message: string | null
          id: string
          model: string | null
          openai_response_id: string | null
          parent_id: string | null
          role: string
          status: string
          updated_at: string
          usage: Json | null
          user_id: string
        }[]
        SetofOptions: {
          from: "*"
          to: "messages"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      branch_page: {
        Args: { chat: string; cursor_id?: string; page_size: number }
        Returns: {
          assistant_id: string
          chat_id: string
          completed_at: string
          content: string
          created_at: string
          error_code: string
          error_message: string
          id: string
          model: string
          openai_response_id: string
          parent_id: string
          role: string
          status: string
          step: number
          updated_at: string
          usage: Json
          user_id: string
          versions: string[]
        }[]
      }
      branch_path: {
        Args: { chat: string }
        Returns: {
          assistant_id: string
          chat_id: string
          completed_at: string
          content: string
          created_at: string
          error_code: string
          error_message: string
          id: string
          model: string
          openai_response_id: string
          parent_id: string
          role: string
          status: string
          step: number
          updated_at: string
          usage: Json
          user_id: string
        }[]
      }
      can_use_assistant: {
        Args: { target: string; who: string }
        Returns: boolean
      }
      create_chat_metered: {
        Args: {
          chat_assistant_id: string
          chat_id: string
          chat_source: string
          chat_title: string
          chat_title_source: string
          chat_user_id: string
          meter_expire: number
          meter_key: string
          meter_now: number
          meter_points: number
        }
        Returns: {
          active_leaf_id: string
          archived_at: string
          assistant_id: string
          created_at: string
          id: string
          last_activity_at: string
          metered_expire: number
          metered_points: number
          openai_conversation_id: string
          personal_instructions: boolean
          pinned_at: string
          source: string
          title: string
          title_source: string
          updated_at: string
          user_id: string
        }[]
      }
      monthly_token_budget: { Args: { who: string }; Returns: number }
      restart_reply: {
        Args: { message_id: string }
        Returns: {
          assistant_id: string | null
          chat_id: string
          completed_at: string | null
          content: string
          created_at: string
          error_code: string | null
          error_message: string | null
          id: string
          model: string | null
          openai_response_id: string | null
          parent_id: string | null
          role: string
          status: string
          updated_at: string
          usage: Json | null
          user_id: string
        }[]
        SetofOptions: {
          from: "*"
          to: "messages"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      run_admission: {
        Args: { chat: string; person: string; with_instructions: boolean }
        Returns: {
          about_me: string
          active_leaf_id: string
          active_replies: number
          chat_busy: boolean
          chat_has_files: boolean
          enabled: boolean
          how_to_answer: string
          newest_id: string
          updated_at: string
        }[]
      }
      search_chats: {
        Args: {
          after_chat?: string
          after_rank?: number
          page_size?: number
          phrase: string
        }
        Returns: {
          archived_at: string
          chat_id: string
          last_activity_at: string
          message_created_at: string
          message_id: string
          message_role: string
          on_active_branch: boolean
          pinned_at: string
          rank: number
          snippet: string
          title: string
          title_snippet: string
        }[]
      }
      search_document: { Args: { body: string }; Returns: unknown }
      search_fold: { Args: { value: string }; Returns: string }
      search_highlight: {
        Args: { body: string; query: unknown; whole: boolean }
        Returns: string
      }
      search_query: { Args: { phrase: string }; Returns: unknown }
      tokens_used_this_month: { Args: { who: string }; Returns: number }
      valid_allowed_users: { Args: { entries: string[] }; Returns: boolean }
      valid_starter_prompts: { Args: { prompts: string[] }; Returns: boolean }
    }
    Enums: {
      [_ in never]: never
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {},
  },
} as const
