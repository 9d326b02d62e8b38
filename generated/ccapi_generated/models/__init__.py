"""Contains all the data models used in inputs/outputs"""

from .audio_output_format import AudioOutputFormat
from .audio_speech_request import AudioSpeechRequest
from .audio_speech_response import AudioSpeechResponse
from .chat_completion_choice import ChatCompletionChoice
from .chat_completion_chunk import ChatCompletionChunk
from .chat_completion_chunk_choice import ChatCompletionChunkChoice
from .chat_completion_chunk_delta import ChatCompletionChunkDelta
from .chat_completion_request import ChatCompletionRequest
from .chat_completion_request_logit_bias import ChatCompletionRequestLogitBias
from .chat_completion_response import ChatCompletionResponse
from .chat_completion_usage import ChatCompletionUsage
from .chat_image_part import ChatImagePart
from .chat_image_part_type import ChatImagePartType
from .chat_image_url import ChatImageUrl
from .chat_image_url_detail import ChatImageUrlDetail
from .chat_message import ChatMessage
from .chat_request_message import ChatRequestMessage
from .chat_response_format import ChatResponseFormat
from .chat_response_format_json_schema import ChatResponseFormatJsonSchema
from .chat_response_format_type import ChatResponseFormatType
from .chat_role import ChatRole
from .chat_stream_options import ChatStreamOptions
from .chat_text_part import ChatTextPart
from .chat_text_part_type import ChatTextPartType
from .chat_tool import ChatTool
from .chat_tool_call import ChatToolCall
from .chat_tool_call_delta import ChatToolCallDelta
from .chat_tool_call_function import ChatToolCallFunction
from .chat_tool_call_function_delta import ChatToolCallFunctionDelta
from .chat_tool_choice import ChatToolChoice
from .chat_tool_choice_function import ChatToolChoiceFunction
from .chat_tool_choice_type import ChatToolChoiceType
from .chat_tool_function import ChatToolFunction
from .chat_tool_type import ChatToolType
from .error_details import ErrorDetails
from .error_object import ErrorObject
from .error_response import ErrorResponse
from .error_type import ErrorType
from .execution_mode import ExecutionMode
from .finish_reason import FinishReason
from .function_parameters import FunctionParameters
from .image_datum import ImageDatum
from .image_execution import ImageExecution
from .image_operation import ImageOperation
from .image_quality import ImageQuality
from .job_status import JobStatus
from .legacy_image_generation_request import LegacyImageGenerationRequest
from .legacy_image_generation_request_style import LegacyImageGenerationRequestStyle
from .legacy_image_generation_response import LegacyImageGenerationResponse
from .media_response_format import MediaResponseFormat
from .model_capabilities import ModelCapabilities
from .model_ccapi_info import ModelCcapiInfo
from .model_list_response import ModelListResponse
from .model_pricing import ModelPricing
from .model_provider_info import ModelProviderInfo
from .model_sort_field import ModelSortField
from .model_summary import ModelSummary
from .model_type import ModelType
from .multimodal_image_generation_request import MultimodalImageGenerationRequest
from .multimodal_image_generation_response import MultimodalImageGenerationResponse
from .multimodal_image_input import MultimodalImageInput
from .multimodal_image_parameters import MultimodalImageParameters
from .multimodal_input_content import MultimodalInputContent
from .provider_detail_response import ProviderDetailResponse
from .provider_list_response import ProviderListResponse
from .provider_summary import ProviderSummary
from .request_metadata import RequestMetadata
from .sort_order import SortOrder

__all__ = (
    "AudioOutputFormat",
    "AudioSpeechRequest",
    "AudioSpeechResponse",
    "ChatCompletionChoice",
    "ChatCompletionChunk",
    "ChatCompletionChunkChoice",
    "ChatCompletionChunkDelta",
    "ChatCompletionRequest",
    "ChatCompletionRequestLogitBias",
    "ChatCompletionResponse",
    "ChatCompletionUsage",
    "ChatImagePart",
    "ChatImagePartType",
    "ChatImageUrl",
    "ChatImageUrlDetail",
    "ChatMessage",
    "ChatRequestMessage",
    "ChatResponseFormat",
    "ChatResponseFormatJsonSchema",
    "ChatResponseFormatType",
    "ChatRole",
    "ChatStreamOptions",
    "ChatTextPart",
    "ChatTextPartType",
    "ChatTool",
    "ChatToolCall",
    "ChatToolCallDelta",
    "ChatToolCallFunction",
    "ChatToolCallFunctionDelta",
    "ChatToolChoice",
    "ChatToolChoiceFunction",
    "ChatToolChoiceType",
    "ChatToolFunction",
    "ChatToolType",
    "ErrorDetails",
    "ErrorObject",
    "ErrorResponse",
    "ErrorType",
    "ExecutionMode",
    "FinishReason",
    "FunctionParameters",
    "ImageDatum",
    "ImageExecution",
    "ImageOperation",
    "ImageQuality",
    "JobStatus",
    "LegacyImageGenerationRequest",
    "LegacyImageGenerationRequestStyle",
    "LegacyImageGenerationResponse",
    "MediaResponseFormat",
    "ModelCapabilities",
    "ModelCcapiInfo",
    "ModelListResponse",
    "ModelPricing",
    "ModelProviderInfo",
    "ModelSortField",
    "ModelSummary",
    "ModelType",
    "MultimodalImageGenerationRequest",
    "MultimodalImageGenerationResponse",
    "MultimodalImageInput",
    "MultimodalImageParameters",
    "MultimodalInputContent",
    "ProviderDetailResponse",
    "ProviderListResponse",
    "ProviderSummary",
    "RequestMetadata",
    "SortOrder",
)
